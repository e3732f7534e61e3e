// A vote's counts: entered for a show of hands (four grades and "no choice", with the total checked against the
// voters present before anything is sent), or shown as stored (a closed secret ballot, a concluded subject).
import { InputNumber } from 'antd';
import { GRADES } from '../../api/types';
import type { Tally } from '../../api/meeting';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n/i18n';

const KEYS = [...GRADES, 'blank'] as const;
type Key = (typeof KEYS)[number];
export type TallyValue = Partial<Record<Key, number | null>>;

export function tallyTotal(v: TallyValue | undefined | null): number {
  return KEYS.reduce((sum, k) => sum + (typeof v?.[k] === 'number' ? (v[k] as number) : 0), 0);
}

export function tallyFilled(v: TallyValue | undefined | null): boolean {
  return KEYS.some((k) => typeof v?.[k] === 'number');
}

export function toTally(v: TallyValue): Tally {
  return {
    HTXSNV: v.HTXSNV ?? 0,
    HTTNV: v.HTTNV ?? 0,
    HTNV: v.HTNV ?? 0,
    KHTNV: v.KHTNV ?? 0,
    blank: v.blank ?? 0,
  };
}

// A form control (value/onChange from Form.Item name="tally"): the problems the API names at "tally" appear under
// the whole group.
export function TallyInput({
  value,
  onChange,
  voters,
  id,
  disabled,
}: {
  value?: TallyValue;
  onChange?: (v: TallyValue) => void;
  voters: number;
  id?: string;
  disabled?: boolean;
}) {
  const { t, lang } = useI18n();
  const total = tallyTotal(value);
  const over = total > voters;
  return (
    <div id={id}>
      <div className="tally-grid">
        {KEYS.map((k) => (
          <div key={k}>
            <label htmlFor={`${id}-${k}`}>{k === 'blank' ? t('meeting.blank') : t(`grade.${k}`)}</label>
            <InputNumber
              id={`${id}-${k}`}
              min={0}
              max={voters}
              precision={0}
              inputMode="numeric"
              size="large"
              disabled={disabled}
              value={value?.[k] ?? null}
              onChange={(n) => onChange?.({ ...value, [k]: typeof n === 'number' ? n : null })}
              data-testid={`tally-${k}`}
            />
          </div>
        ))}
      </div>
      <div
        className="tally-total"
        aria-live="polite"
        data-testid="tally-total"
        style={over ? { color: '#a8071a' } : undefined}
      >
        {t('meeting.tallyTotal', { total: formatNumber(total, lang), voters: formatNumber(voters, lang) })}
        {over && ` — ${t('meeting.tallyOver')}`}
      </div>
    </div>
  );
}

export function TallyView({ tally }: { tally: Tally }) {
  const { t, lang } = useI18n();
  return (
    <ul className="tally-view" data-testid="tally-view">
      {KEYS.map((k) => (
        <li key={k} data-testid={`tally-view-${k}`}>
          <span>{k === 'blank' ? t('meeting.blank') : t(`grade.${k}`)}</span>
          <strong>{formatNumber(tally[k] ?? 0, lang)}</strong>
        </li>
      ))}
      <li>
        <span>{t('meeting.total')}</span>
        <strong data-testid="tally-view-total">{formatNumber(tally.total ?? tallyTotal(tally), lang)}</strong>
      </li>
    </ul>
  );
}
