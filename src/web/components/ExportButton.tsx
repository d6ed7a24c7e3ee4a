import { DownloadOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import { useI18n } from '../i18n.tsx';

/** Downloads a URL as a file without leaving the page (the server sends it as an attachment). */
export function download(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * 导出 above a list: a link to the streamed workbook of what the list shows, masked. Where the user may see personal
 * data in full, a second button asks first (a full export is audited) and then downloads the full workbook.
 */
export function ExportButton({
  href,
  testId,
  full,
}: {
  /** The masked export's address (urlOf(endpoint, { query })). */
  href: string;
  testId?: string;
  full?: { href: string; confirm: string; testId?: string } | false | undefined;
}) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} href={href} download data-testid={testId}>
        {t('export.button')}
      </Button>
      {full && (
        <Popconfirm title={t('export.full')} description={<div style={{ maxWidth: 320 }}>{full.confirm}</div>} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => download(full.href)}>
          <Button icon={<DownloadOutlined />} data-testid={full.testId}>
            {t('export.full')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
