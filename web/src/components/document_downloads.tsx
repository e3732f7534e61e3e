// The official document behind a screen (docs/documents.md), as PDF to print and DOCX to edit in Word: plain links
// to the server's document routes, so the browser downloads them with the server's file name.
import { Button, Space } from 'antd';
import { useI18n } from '../i18n/i18n';

export function DocumentDownloads({ path, testId }: { path: string; testId: string }) {
  const { t } = useI18n();
  return (
    <Space wrap className="no-print">
      <Button size="large" href={`/api/v1${path}.pdf`} download data-testid={`${testId}-pdf`}>
        {t('documents.pdf')}
      </Button>
      <Button size="large" href={`/api/v1${path}.docx`} download data-testid={`${testId}-docx`}>
        {t('documents.docx')}
      </Button>
    </Space>
  );
}
