// Statistics of a unit (/statistics/:id?year=&kind=): the decided grades of its subtree in a year per
// subject kind, the same over the years and per child unit (each opens the child's statistics), the outliers with
// links, the XLSX/PDF downloads and links to the progress of its cycles. /statistics opens the caller's first unit.
import { Button, Card, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { CYCLES_PAGE, statistics, statisticsDownload, type Statistics } from '../api/stats';
import type { Cycle } from '../api/types';
import { GradeBars, type BarRow } from '../components/charts/grade_bars';
import { LinkButton } from '../components/link_button';
import { ErrorBox, Show, useLoad } from '../components/load';
import { formatNumber } from '../format';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { cycleName } from '../components/review_bits';

export function StatisticsHomePage() {
  const { t } = useI18n();
  const { account } = useSession();
  const grant = account?.roles.find((g) => g.role !== 'member');
  if (!grant) return <ErrorBox error={new Error(t('stats.noScope'))} />;
  return <Navigate to={`/statistics/${grant.unit_id}`} replace />;
}

export function StatisticsPage() {
  const params = useParams();
  const [search] = useSearchParams();
  // Another unit or year is a new page: its own loading state, never the previous unit's numbers meanwhile.
  return <StatisticsOf key={`${params.id}-${search.get('year')}`} />;
}

function StatisticsOf() {
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const unitId = Number(params.id);
  const year = search.get('year') ? Number(search.get('year')) : undefined;
  // The statistics and the unit's cycles (for the links to their progress) are asked at once.
  const loaded = useLoad(
    () =>
      Promise.all([
        statistics(unitId, year),
        api.cycles({ unit_id: unitId, page_size: CYCLES_PAGE }).catch(() => null),
      ]).then(([stats, cycles]) => ({ stats, cycles: cycles?.items ?? [] })),
    [unitId, year],
  );
  const kind = search.get('kind') ?? 'members';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    setSearch(next, { replace: true });
  };
  return (
    <Show loaded={loaded}>
      {({ stats, cycles }) => (
        <StatisticsView
          stats={stats}
          cycles={cycles}
          kind={kind}
          onYear={(y) => set('year', String(y))}
          onKind={(k) => set('kind', k)}
        />
      )}
    </Show>
  );
}

function StatisticsView({
  stats,
  cycles,
  kind,
  onYear,
  onKind,
}: {
  stats: Statistics;
  cycles: Cycle[];
  kind: string;
  onYear: (y: number) => void;
  onKind: (k: string) => void;
}) {
  const { t, lang } = useI18n();
  const u = stats.unit;
  const label = (key: string) => {
    const l = stats.category_legend.find((c) => c.key === key);
    return l ? (lang === 'vi' ? l.vi : l.en) : key;
  };
  const withCycles = stats.years.filter((y) => y.cycles.length > 0);
  const yearOptions = [...new Set([stats.year, ...withCycles.map((y) => y.year)])].sort((a, b) => b - a);
  const kinds = stats.category_legend.filter((c) => (u.categories[c.key]?.total ?? 0) > 0);
  const kindShown = kinds.some((c) => c.key === kind) ? kind : (kinds[0]?.key ?? 'members');
  const byKind: BarRow[] = kinds.map((c) => ({ key: c.key, label: label(c.key), stats: u.categories[c.key] }));
  const byYear: BarRow[] = withCycles.map((y) => ({
    key: String(y.year),
    label: String(y.year),
    stats: y.categories[kindShown],
  }));
  const byChild: BarRow[] = stats.children
    .filter((c) => (c.categories[kindShown]?.total ?? 0) > 0)
    .map((c) => ({
      key: String(c.unit_id),
      label: <Link to={`/statistics/${c.unit_id}?year=${stats.year}&kind=${kindShown}`}>{c.name}</Link>,
      stats: c.categories[kindShown],
    }));
  // The progress by unit and deadline lives on the cycle page: the cycles of the year shown, and any open one.
  const progressCycles = [
    ...stats.cycles,
    ...cycles.filter((c) => c.status === 'open' && !stats.cycles.some((s) => s.id === c.id)),
  ];
  const cycleOf = (id: number) => cycles.find((c) => c.id === id);
  const nothing = kinds.length === 0;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} className="page-title" style={{ fontSize: 28 }} data-testid="stats-title">
          {t('stats.title', { unit: u.name })}
        </Typography.Title>
        <Space wrap size="middle" align="center" className="stats-actions">
          <label className="inline-field">
            <span>{t('stats.year')}</span>
            <Select
              value={stats.year}
              onChange={onYear}
              options={yearOptions.map((y) => ({ value: y, label: String(y) }))}
              style={{ minWidth: 110 }}
              data-testid="stats-year"
              aria-label={t('stats.year')}
            />
          </label>
          <Button href={statisticsDownload(u.unit_id, stats.year, 'xlsx')} download data-testid="stats-xlsx">
            {t('stats.downloadXlsx')}
          </Button>
          <Button href={statisticsDownload(u.unit_id, stats.year, 'pdf')} download data-testid="stats-pdf">
            {t('stats.downloadPdf')}
          </Button>
          <Link to={`/units/${u.unit_id}`}>{t('stats.openUnit')}</Link>
        </Space>
        {progressCycles.length > 0 && (
          <Space wrap style={{ marginTop: 12 }} className="stats-actions">
            {progressCycles.map((c) => {
              const full = cycleOf(c.id);
              return (
                <LinkButton key={c.id} to={`/cycles/${c.id}?unit=${u.unit_id}`} data-testid="stats-progress">
                  {t('stats.progress', { name: full ? cycleName(full, t) : t('cycle.year', { year: c.year }) })}
                </LinkButton>
              );
            })}
          </Space>
        )}
      </div>

      {nothing ? (
        <Card>
          <Empty description={t('stats.nothing', { year: stats.year })} data-testid="stats-nothing" />
        </Card>
      ) : (
        <>
          <Card title={<h2 className="card-title">{t('stats.byKind', { year: stats.year })}</h2>}>
            <GradeBars rows={byKind} caption={t('stats.byKindCaption', { unit: u.name, year: stats.year })} rowHeader={t('stats.kind')} testId="stats-kinds" />
          </Card>

          <Card
            title={<h2 className="card-title">{t('stats.compare')}</h2>}
            extra={
              <label className="inline-field">
                <span>{t('stats.kind')}</span>
                <Select
                  value={kindShown}
                  onChange={onKind}
                  options={kinds.map((c) => ({ value: c.key, label: label(c.key) }))}
                  style={{ minWidth: 220 }}
                  data-testid="stats-kind"
                  aria-label={t('stats.kind')}
                />
              </label>
            }
          >
            <h3 className="task-title">{t('stats.byYear', { kind: label(kindShown) })}</h3>
            <GradeBars rows={byYear} caption={t('stats.byYearCaption', { kind: label(kindShown), unit: u.name })} rowHeader={t('stats.yearCol')} testId="stats-years" />
            {byChild.length > 0 && (
              <>
                <h3 className="task-title" style={{ marginTop: 24 }}>
                  {t('stats.byChild', { kind: label(kindShown), year: stats.year })}
                </h3>
                <GradeBars rows={byChild} caption={t('stats.byChildCaption', { kind: label(kindShown), year: stats.year })} rowHeader={t('stats.unitCol')} testId="stats-children" />
              </>
            )}
          </Card>
        </>
      )}

      <Card title={<h2 className="card-title">{t('stats.outliers', { year: stats.year })}</h2>} data-testid="stats-outliers">
        <h3 className="task-title">
          {t('stats.allGood')} ({formatNumber(stats.outliers.all_good_units.total, lang)})
        </h3>
        <Typography.Paragraph type="secondary">{t('stats.allGoodHelp')}</Typography.Paragraph>
        <List
          dataSource={stats.outliers.all_good_units.items}
          locale={{ emptyText: t('stats.noOutliers') }}
          renderItem={(o) => (
            <List.Item data-testid="outlier-all-good">
              <Space wrap>
                <Link to={`/statistics/${o.unit_id}?year=${stats.year}`}>{o.name}</Link>
                <span>{t(`kind.${o.kind}`)}</span>
                <span>{t('stats.allGoodCounts', { decided: formatNumber(o.decided, lang), top: formatNumber(o.HTXSNV, lang) })}</span>
              </Space>
            </List.Item>
          )}
        />
        {stats.outliers.all_good_units.items.length < stats.outliers.all_good_units.total && (
          <Typography.Paragraph>{t('stats.more', { n: formatNumber(stats.outliers.all_good_units.items.length, lang) })}</Typography.Paragraph>
        )}
        <h3 className="task-title" style={{ marginTop: 24 }}>
          {t('stats.leadersAbove')} ({formatNumber(stats.outliers.leaders_above_organization.total, lang)})
        </h3>
        <Typography.Paragraph type="secondary">{t('stats.leadersAboveHelp')}</Typography.Paragraph>
        <List
          dataSource={stats.outliers.leaders_above_organization.items}
          locale={{ emptyText: t('stats.noOutliers') }}
          renderItem={(o) => (
            <List.Item data-testid="outlier-leader">
              <Space wrap>
                <Link to={`/people/${o.person_id}`}>{o.full_name}</Link>
                <span>
                  {o.post_title}, <Link to={`/statistics/${o.unit_id}?year=${stats.year}`}>{o.unit_name}</Link>
                </span>
                <span>
                  {t('stats.leaderGrade')} <Tag color="blue">{o.leader_grade}</Tag> {t('stats.orgGrade')}{' '}
                  <Tag color="orange">{o.organization_grade}</Tag>
                </span>
              </Space>
            </List.Item>
          )}
        />
        {stats.outliers.leaders_above_organization.items.length < stats.outliers.leaders_above_organization.total && (
          <Typography.Paragraph>{t('stats.more', { n: formatNumber(stats.outliers.leaders_above_organization.items.length, lang) })}</Typography.Paragraph>
        )}
      </Card>
    </Space>
  );
}
