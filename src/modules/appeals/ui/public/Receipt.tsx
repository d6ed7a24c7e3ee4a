import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../../web/i18n.tsx';
import type { Receipt as ReceiptValue } from './useSubmitAppeal.ts';

/**
 * The tracking code, shown this once (the server keeps only its hashes): large, in a face where 0 and O differ, with
 * a copy button and a plain warning that it cannot be recovered. The link to the track page does not carry it — the
 * worker types or pastes it there (an address with the code would end up in histories and logs).
 */
export function Receipt({ receipt, onAnother }: { receipt: ReceiptValue; onAnother: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card data-testid="appeal-receipt">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        <CheckCircleFilled style={{ color: '#2e7d32', marginInlineEnd: 8 }} />
        {t('appeals.public.receipt.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('appeals.public.receipt.code')}</Typography.Text>
      <Typography.Paragraph
        data-testid="appeal-tracking-code"
        copyable={{ text: receipt.trackingCode, tooltips: [t('appeals.public.receipt.copy'), t('appeals.public.receipt.copied')] }}
        style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap', margin: '8px 0 16px' }}
      >
        {receipt.trackingCode}
      </Typography.Paragraph>
      <Alert type="warning" showIcon title={t('appeals.public.receipt.keep')} style={{ marginBottom: 16 }} />
      <Flex vertical gap={12}>
        <Button type="primary" size="large" block onClick={() => navigate('/appeal/track')} data-testid="appeal-receipt-track">
          {t('appeals.public.receipt.track')}
        </Button>
        <Button size="large" block onClick={onAnother}>
          {t('appeals.public.receipt.another')}
        </Button>
      </Flex>
    </Card>
  );
}
