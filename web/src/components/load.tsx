// Loading data for a page: state for loading / error / value, and an error box in the user's language (the API's
// field problems on a form: api/field_errors.tsx).
import { Alert, Button, Spin } from 'antd';
import { useCallback, useEffect, useState, type DependencyList, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    load()
      .then((v) => !cancelled && setData(v))
      .catch((e: unknown) => !cancelled && setError(e))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

export function useErrorText(): (e: unknown) => string {
  const { t, pick } = useI18n();
  return (e: unknown) => {
    if (e instanceof ApiError) {
      if (e.status === 403 && !e.message) return t('common.forbidden');
      if (e.status === 409 && e.details.some((d) => d.path === 'version')) return t('common.stale');
      return pick(e.message);
    }
    return e instanceof Error ? e.message : String(e);
  };
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useErrorText();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('common.error')}
      description={text(error)}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

// Renders `children(data)` once loaded; a spinner before, the error box on failure.
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (loaded.error) return <ErrorBox error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined)
    return (
      <div style={{ padding: 32, textAlign: 'center' }}>
        <Spin size="large" description={t('common.loading')} />
      </div>
    );
  return <>{children(loaded.data)}</>;
}
