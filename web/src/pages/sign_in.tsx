// Sign-in: a large form, errors said plainly (wrong password, too many attempts with the wait, server down).
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

export function SignInPage() {
  const { t, pick, lang, setLang } = useI18n();
  const { account, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (account) return <Navigate to={from} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username.trim(), values.password);
      navigate(from, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 429)
        setError(
          e.retryAfterSeconds !== null
            ? t('signIn.throttled', { seconds: e.retryAfterSeconds })
            : t('signIn.throttledNoTime'),
        );
      else if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setError(t('signIn.wrong'));
      else if (e instanceof ApiError) setError(pick(e.message));
      else setError(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="page-center" id="main">
      <Card className="sign-in-card">
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button type="link" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} lang={lang === 'vi' ? 'en' : 'vi'}>
            {t('lang.switch')}
          </Button>
        </div>
        <Typography.Title level={1} style={{ fontSize: 30, marginTop: 0 }}>
          {t('signIn.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ fontSize: 18 }}>{t('signIn.subtitle')}</Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" />
        )}
        <Form layout="vertical" size="large" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            label={t('signIn.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item
            label={t('signIn.password')}
            name="password"
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} style={{ height: 52, fontSize: 19 }}>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
