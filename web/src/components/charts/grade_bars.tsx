// Grade distributions as 100 % stacked bars, one row per year, unit or subject kind, drawn with plain elements
// (no chart library: a bar per row reads as well, costs no download and prints). The bars are a picture for the
// eye (aria-hidden); the same numbers are in the table below each chart, which is what a screen reader reads.
import type { ReactNode } from 'react';
import { STAT_GRADES, type CategoryStats, type StatGrade } from '../../api/stats';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n/i18n';
import type { TextKey } from '../../i18n/dict';

// Distinct at a glance and for the common colour-vision deficiencies (blue to orange, red last); white text on the
// four grades passes WCAG AA.
export const GRADE_COLOURS: Record<StatGrade, string> = {
  HTXSNV: '#0b4f9c',
  HTTNV: '#2f7bbf',
  HTNV: '#a85a00',
  KHTNV: '#b3261e',
  not_graded: '#6b6b6b',
  pending: '#d9d9d9',
};

export function gradeLabel(g: StatGrade): TextKey {
  return `stats.grade.${g}` as TextKey;
}

export interface BarRow {
  key: string;
  label: ReactNode;
  stats: CategoryStats | undefined;
}

function share(stats: CategoryStats, g: StatGrade): number {
  return stats.total > 0 ? (stats.counts[g] / stats.total) * 100 : 0;
}

export function GradeLegend() {
  const { t } = useI18n();
  return (
    <ul className="grade-legend" aria-hidden="true">
      {STAT_GRADES.map((g) => (
        <li key={g}>
          <span className="grade-swatch" style={{ background: GRADE_COLOURS[g] }} />
          {t(gradeLabel(g))}
        </li>
      ))}
    </ul>
  );
}

// `caption` names the table (and the chart); `rowHeader` is the first column's heading.
export function GradeBars({
  rows,
  caption,
  rowHeader,
  testId,
}: {
  rows: BarRow[];
  caption: string;
  rowHeader: string;
  testId: string;
}) {
  const { t, lang } = useI18n();
  const pct = (n: number) => `${formatNumber(n, lang, 1)} %`;
  return (
    <figure className="grade-chart" data-testid={testId}>
      <GradeLegend />
      <div className="grade-bars" aria-hidden="true" data-testid={`${testId}-bars`}>
        {rows.map((r) => (
          <div className="grade-bar-row" key={r.key} data-row={r.key}>
            <div className="grade-bar-label">{r.label}</div>
            <div className="grade-bar">
              {r.stats && r.stats.total > 0 ? (
                STAT_GRADES.filter((g) => r.stats!.counts[g] > 0).map((g) => {
                  const w = share(r.stats!, g);
                  return (
                    <span
                      key={g}
                      className="grade-seg"
                      data-grade={g}
                      data-count={r.stats!.counts[g]}
                      style={{ width: `${w}%`, background: GRADE_COLOURS[g], color: g === 'pending' ? '#141414' : '#fff' }}
                      title={`${t(gradeLabel(g))}: ${formatNumber(r.stats!.counts[g], lang)} (${pct(w)})`}
                    >
                      {w >= 9 ? pct(w) : ''}
                    </span>
                  );
                })
              ) : (
                <span className="grade-empty">{t('stats.none')}</span>
              )}
            </div>
          </div>
        ))}
      </div>
      <figcaption className="visually-hidden">{caption}</figcaption>
      <div className="table-scroll">
        <table className="stats-table" data-testid={`${testId}-table`}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {STAT_GRADES.map((g) => (
                <th scope="col" key={g} data-grade={g}>
                  {t(gradeLabel(g))}
                </th>
              ))}
              <th scope="col">{t('stats.total')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-row={r.key}>
                <th scope="row">{r.label}</th>
                {STAT_GRADES.map((g) => (
                  <td key={g} data-grade={g}>
                    {r.stats ? (
                      <>
                        {formatNumber(r.stats.counts[g], lang)}
                        {r.stats.total > 0 && r.stats.counts[g] > 0 && (
                          <span className="share"> ({pct(r.stats.shares[g])})</span>
                        )}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                ))}
                <td data-grade="total">{r.stats ? formatNumber(r.stats.total, lang) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
