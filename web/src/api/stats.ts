// GET /units/{id}/statistics (docs/statistics.md): decided grades of a unit's subtree in a year, per subject kind,
// for the unit, each child and across years, and the two outlier lists. Separate from client.ts so that only the
// statistics page's chunk carries these shapes and calls.
import { request } from './client';
import type { UnitKind } from './types';

export const STAT_GRADES = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV', 'not_graded', 'pending'] as const;
export type StatGrade = (typeof STAT_GRADES)[number];

export interface CategoryStats {
  counts: Record<StatGrade, number>;
  shares: Record<StatGrade, number>;
  decided: number;
  total: number;
}

export interface UnitStats {
  unit_id: number;
  name: string;
  code: string;
  kind: UnitKind;
  categories: Record<string, CategoryStats>;
}

export interface StatsCycle {
  id: number;
  year: number;
  root_unit_id: number;
  ruleset: string;
  status: string;
  source: string;
}

export interface AllGoodUnit {
  unit_id: number;
  name: string;
  kind: UnitKind;
  decided: number;
  HTXSNV: number;
}

export interface LeaderAbove {
  person_id: number;
  full_name: string;
  post_id: number;
  post_title: string;
  unit_id: number;
  unit_name: string;
  leader_grade: string;
  organization_grade: string;
  organization_kind: string;
}

export interface Statistics {
  year: number;
  quarter: number;
  grades: StatGrade[];
  category_legend: { key: string; vi: string; en: string }[];
  cycles: StatsCycle[];
  unit: UnitStats;
  children: UnitStats[];
  years: { year: number; cycles: StatsCycle[]; categories: Record<string, CategoryStats> }[];
  outliers: {
    all_good_units: { total: number; items: AllGoodUnit[] };
    leaders_above_organization: { total: number; items: LeaderAbove[] };
  };
}

// The years compared: this one and the five before (the API answers at most 20).
export const YEARS_BACK = 5;
// The unit's cycles read beside the statistics (links to their progress).
export const CYCLES_PAGE = 20;

// The page's request, also asked early by app.tsx beside the page's chunk (the same path and query).
export function statisticsQuery(unitId: number, year?: number): [string, { year?: number; years: string }] {
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - YEARS_BACK + i);
  return [`/units/${unitId}/statistics`, { year, years: years.join(',') }];
}

export function statistics(unitId: number, year?: number) {
  const [path, query] = statisticsQuery(unitId, year);
  return request<Statistics>('GET', path, undefined, query);
}

// The downloads are plain links (the browser sends the session cookie); the year is the one shown.
export function statisticsDownload(unitId: number, year: number, format: 'xlsx' | 'pdf') {
  return `/api/v1/units/${unitId}/statistics.${format}?year=${year}`;
}
