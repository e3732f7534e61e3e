// Pieces the appraisal, decision, results and complaint screens share: a grade's tag, the quota meter, the engine's
// findings as a list, the API's refusal reasons in plain words, and a review's history.
import { Alert, Progress, Tag, Timeline } from 'antd';
import type { Finding, QuotaMeter, Transition } from '../../api/decision';
import type { Grade } from '../../api/types';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n/i18n';

const GRADE_COLOR: Record<Grade, string> = { HTXSNV: 'magenta', HTTNV: 'blue', HTNV: 'gold', KHTNV: 'red' };
const GRADE_VI: Record<Grade, string> = {
  HTXSNV: 'Hoàn thành xuất sắc nhiệm vụ',
  HTTNV: 'Hoàn thành tốt nhiệm vụ',
  HTNV: 'Hoàn thành nhiệm vụ',
  KHTNV: 'Không hoàn thành nhiệm vụ',
};
const GRADE_EN: Record<Grade, string> = {
  HTXSNV: 'Excellent completion of duties',
  HTTNV: 'Good completion of duties',
  HTNV: 'Completion of duties',
  KHTNV: 'Non-completion of duties',
};

// The grade codes in a server message (HTXSNV, HTTNV…) written out: staff and members read words, not codes.
export function plainGrades(text: string, lang: 'vi' | 'en'): string {
  const names = lang === 'vi' ? GRADE_VI : GRADE_EN;
  return text.replace(/\b(HTXSNV|HTTNV|HTNV|KHTNV)\b/g, (code) => `“${names[code as Grade]}”`);
}

export function GradeTag({ grade, testId }: { grade: Grade | null | undefined; testId?: string }) {
  const { t } = useI18n();
  if (!grade)
    return (
      <Tag className="grade-tag" data-testid={testId}>
        {t('decide.noGrade')}
      </Tag>
    );
  return (
    <Tag color={GRADE_COLOR[grade]} className="grade-tag" data-testid={testId} data-grade={grade}>
      {t(`grade.${grade}`)}
    </Tag>
  );
}

// "Hoàn thành xuất sắc nhiệm vụ: 5 / tối đa 4", a bar, and the base it is counted on.
export function QuotaMeterView({ quota, problem }: { quota: QuotaMeter; problem?: string }) {
  const { t, lang } = useI18n();
  const percent = quota.limit > 0 ? Math.min(100, Math.round((100 * quota.count) / quota.limit)) : quota.count > 0 ? 100 : 0;
  return (
    <div
      className={quota.ok ? 'quota-meter' : 'quota-meter over'}
      data-testid="quota-meter"
      data-unit={quota.unit_id}
      data-count={quota.count}
      data-limit={quota.limit}
      data-ok={quota.ok ? 'true' : 'false'}
      role="status"
      aria-live="polite"
    >
      <div className="quota-line">
        <strong>
          {t(`grade.${quota.grade}`)}: {formatNumber(quota.count, lang)} / {t('decide.quotaMax')}{' '}
          {formatNumber(quota.limit, lang)}
        </strong>
        <Tag color={quota.ok ? 'green' : 'red'}>{quota.ok ? t('decide.quotaOk') : t('decide.quotaOver')}</Tag>
      </div>
      <Progress percent={percent} status={quota.ok ? 'normal' : 'exception'} showInfo={false} aria-hidden />
      <div className="quota-note">
        {quota.unit_name}
        {quota.part ? ` (${t(`decide.part.${quota.part}`)})` : ''} ·{' '}
        {t('decide.quotaBase', { base: formatNumber(quota.base, lang), grade: t('grade.HTTNV') })} · {quota.rule}
      </div>
      {problem && (
        <Alert type="error" showIcon title={problem} data-testid="quota-problem" style={{ marginTop: 8 }} />
      )}
    </div>
  );
}

export function Findings({ findings }: { findings: Finding[] }) {
  const { t, lang } = useI18n();
  if (!findings.length) return <div className="findings none">{t('decide.noFindings')}</div>;
  return (
    <ul className="findings" data-testid="findings">
      {findings.map((f, i) => (
        <li key={`${f.rule}-${i}`}>
          {f.cap && (
            <strong>
              {t('decide.capAt', { grade: t(`grade.${f.cap}`) })}
              {': '}
            </strong>
          )}
          {lang === 'vi' ? f.message_vi : f.message_en}
        </li>
      ))}
    </ul>
  );
}

function formatTime(ms: number, lang: 'vi' | 'en') {
  return new Date(ms).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function HistoryTimeline({ transitions }: { transitions: Transition[] }) {
  const { t, lang } = useI18n();
  return (
    <Timeline
      data-testid="history"
      items={transitions.map((x) => ({
        content: (
          <div className="history-entry">
            <strong>{t(`state.${x.to}` as Parameters<typeof t>[0])}</strong>
            <span className="history-when"> · {formatTime(x.at, lang)}</span>
            {x.grade && (
              <>
                {' · '}
                <GradeTag grade={x.grade} />
              </>
            )}
            {x.reason && <div className="history-reason">{plainGrades(x.reason, lang)}</div>}
          </div>
        ),
      }))}
    />
  );
}

export { formatTime };
