// Small pieces of the review workflow the screens share: deadlines counted in days, the 366 score band, the
// default calendar a cycle is opened with.
import type { CalendarEntry, Grade, Level, UnitKind } from './api/types';

// Whole days from today (local) to an ISO date: negative when it has passed.
export function daysUntil(iso: string, today = new Date()): number {
  const [y, m, d] = iso.split('-').map(Number);
  const due = Date.UTC(y, m - 1, d);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((due - now) / 86_400_000);
}

// 366-QĐ/TW Điều 12: the self-score decides the highest grade one may propose (src/workflow/forms.cpp band_of).
export function bandOf(score: number): Grade {
  if (score >= 90) return 'HTXSNV';
  if (score >= 70) return 'HTTNV';
  if (score >= 50) return 'HTNV';
  return 'KHTNV';
}

// The calendar level of a unit kind (src/workflow/common.cpp level_of): cells, grassroots, upper grassroots,
// province.
export function levelOf(kind: UnitKind): Level {
  switch (kind) {
    case 'cell':
    case 'sectional_committee':
      return 'cell';
    case 'grassroots_cell':
    case 'grassroots_committee':
    case 'agency':
      return 'grassroots';
    case 'upper_grassroots_committee':
      return 'upper_grassroots';
    case 'province_committee':
      return 'province';
  }
}

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

// The calendar POST /cycles uses when none is given (src/workflow/cycle.cpp default_calendar and
// default_quarter_calendar, docs/workflow.md): shown prefilled so the opening level edits a starting point.
export function defaultCalendar(year: number, quarter: number): CalendarEntry[] {
  if (quarter === 0) {
    const y = year;
    const row = (level: Level, d: [number, number, number][]): CalendarEntry => ({
      level,
      self_review: iso(...d[0]),
      meeting: iso(...d[1]),
      proposal: iso(...d[2]),
      decision: iso(...d[3]),
      reporting: iso(...d[4]),
    });
    return [
      row('cell', [[y, 12, 5], [y, 12, 12], [y, 12, 15], [y, 12, 25], [y, 12, 31]]),
      row('grassroots', [[y, 12, 5], [y, 12, 20], [y, 12, 25], [y, 12, 31], [y + 1, 1, 15]]),
      row('upper_grassroots', [[y, 12, 10], [y, 12, 25], [y, 12, 31], [y + 1, 1, 15], [y + 1, 2, 1]]),
      row('province', [[y, 12, 15], [y, 12, 31], [y + 1, 1, 15], [y + 1, 2, 1], [y + 1, 3, 1]]),
    ];
  }
  const m = 3 * quarter;
  const row = (level: Level, d: number[]): CalendarEntry => ({
    level,
    self_review: iso(year, m, d[0]),
    meeting: iso(year, m, d[1]),
    proposal: iso(year, m, d[2]),
    decision: iso(year, m, d[3]),
    reporting: iso(year, m, d[4]),
  });
  return [
    row('cell', [1, 5, 7, 10, 12]),
    row('grassroots', [1, 7, 9, 12, 14]),
    row('upper_grassroots', [3, 9, 11, 13, 14]),
    row('province', [5, 10, 12, 14, 15]),
  ];
}

// The ruleset the server picks for a year when none is given (the engine catalog's years, rulesets/*.json).
export function rulesetForYear(year: number): string | null {
  if (year >= 2025) return 'qd366-2025';
  if (year >= 2023) return 'qd124-2023';
  if (year >= 2018) return 'qd132-2018';
  return null;
}

export const RULESETS = ['qd366-2025', 'qd124-2023', 'qd132-2018'];

export function isCell(kind: UnitKind): boolean {
  return kind === 'cell' || kind === 'grassroots_cell';
}
