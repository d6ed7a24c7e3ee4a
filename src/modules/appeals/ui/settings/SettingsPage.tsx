import { Card, Typography } from 'antd';
import { useI18n } from '../../../../web/i18n.tsx';
import { CalendarCard } from './CalendarCard.tsx';
import { DeadlinesForm } from './DeadlinesForm.tsx';

/**
 * 时限与节假日: the province's deadlines by difficulty, the early warning's thresholds and its holiday calendar. Every
 * member of staff may read them (deadlines are counted with them); the forms show only to a province admin, as the
 * records' abilities say (the server checks the level besides the role).
 */
export default function SettingsPage() {
  const { t } = useI18n();
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t('appeals.settings.title')}
        </Typography.Title>
      }
    >
      <DeadlinesForm />
      <CalendarCard />
    </Card>
  );
}
