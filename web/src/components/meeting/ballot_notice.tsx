// On the home page of anyone who attends meetings: when a secret ballot is open in one of them, the way to it.
import { Alert } from 'antd';
import { meetingApi } from '../../api/meeting';
import { useI18n } from '../../i18n/i18n';
import { LinkButton } from '../link_button';
import { useLoad } from '../load';

export function BallotNotice() {
  const { t } = useI18n();
  const loaded = useLoad(
    () => meetingApi.list({ page_size: 50 }).then((p) => p.items.filter((m) => m.status === 'open' && m.open_ballots > 0)),
    [],
  );
  if (!loaded.data?.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="ballot-notice"
      title={t('ballot.notice', { unit: loaded.data[0].unit_name })}
      description={
        <LinkButton type="primary" size="large" to="/ballot" data-testid="go-ballot" style={{ marginTop: 8 }}>
          {t('ballot.title')}
        </LinkButton>
      }
    />
  );
}
