import { Card, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../../web/i18n.tsx';
import { AppealForm } from './AppealForm.tsx';
import { Receipt } from './Receipt.tsx';
import type { Receipt as ReceiptValue } from './useSubmitAppeal.ts';

/** /appeal: a worker, with no account, sends in an appeal and gets its tracking code (issue 15). */
export default function SubmitPage() {
  const { t } = useI18n();
  const [receipt, setReceipt] = useState<ReceiptValue>();
  if (receipt) return <Receipt receipt={receipt} onAnother={() => setReceipt(undefined)} />;
  return (
    <Card>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('appeals.public.submit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('appeals.public.submit.intro')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Link to="/appeal/track" data-testid="appeal-track-link">{t('appeals.public.track.link')}</Link>
      </Typography.Paragraph>
      <AppealForm onSent={(sent) => {
        setReceipt(sent);
        window.scrollTo(0, 0);
      }} />
    </Card>
  );
}
