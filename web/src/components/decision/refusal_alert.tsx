// Every reason of a refused decision (the engine's and the workflow's findings, in the current language with the
// grades in words: refusal.ts) in one alert, as the decision and re-grading forms show it. A new refusal takes the
// focus (and the view), so keyboard and screen-reader users hear every reason.
import { Alert } from 'antd';
import { useEffect, useRef, type CSSProperties } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { Refusal } from './refusal';

export function RefusalAlert({ refusal, style }: { refusal: Refusal; style?: CSSProperties }) {
  const { t } = useI18n();
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    summary.current?.focus();
  }, [refusal]);
  return (
    <div tabIndex={-1} ref={summary} style={style}>
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid="refusal"
        title={t('decide.refused', { n: refusal.all.length })}
        description={
          <ul className="plain-list refusal-list">
            {refusal.all.map((x, i) => (
              <li key={i} data-testid="refusal-reason">
                {x}
              </li>
            ))}
          </ul>
        }
      />
    </div>
  );
}
