import { Alert, Card, Descriptions, Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../../../../web/i18n.tsx';
import type { PublicAppealView } from '../../public-schema.ts';
import { RatingForm } from './RatingForm.tsx';

const statusColour: Record<PublicAppealView['status'], string> = {
  submitted: 'default', accepted: 'blue', in_progress: 'blue', waiting: 'orange', answered: 'blue', closed: 'green', reviewing: 'purple',
};

/** What the tracking code shows: status, dates, the answer once it is the worker's, the public steps, the rating. */
export function CaseView({ view, code, onRated }: { view: PublicAppealView; code: string; onRated: (view: PublicAppealView) => void }) {
  const { t } = useI18n();
  const dates = (['submittedOn', 'acceptedOn', 'dueOn', 'closedOn'] as const).filter((field) => view[field]);
  return (
    <Card data-testid="appeal-case">
      <Descriptions column={1} size="small" colon={false} styles={{ label: { width: '40%' } }}>
        <Descriptions.Item label={t('appeals.public.track.status')}>
          <Tag color={statusColour[view.status]} style={{ whiteSpace: 'normal' }} data-testid="appeal-case-status">
            {t(`appeals.public.status.${view.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('appeals.public.field.kind')}>{t(`appeals.kind.${view.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('appeals.public.field.category')}>{t(`appeals.category.${view.category}`)}</Descriptions.Item>
        {dates.map((field) => (
          <Descriptions.Item key={field} label={t(`appeals.public.track.${field}`)}>{view[field]}</Descriptions.Item>
        ))}
        {view.attachments > 0 && <Descriptions.Item label={t('appeals.public.track.attachments')}>{t('appeals.public.track.attachments.count', { count: view.attachments })}</Descriptions.Item>}
        {view.rating && <Descriptions.Item label={t('appeals.public.track.rating')}>{t(`appeals.rating.${view.rating}`)}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: 18 }}>
        {t('appeals.public.track.answer')}
      </Typography.Title>
      {view.answer ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="appeal-case-answer">{view.answer}</Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">{t('appeals.public.track.no_answer')}</Typography.Paragraph>
      )}
      {view.status === 'reviewing' && <Alert type="info" showIcon title={t('appeals.public.rate.reopened')} style={{ marginBottom: 16 }} />}
      {view.abilities.rate && <RatingForm code={code} onRated={onRated} />}
      <Typography.Title level={3} style={{ fontSize: 18 }}>
        {t('appeals.public.track.timeline')}
      </Typography.Title>
      <Timeline
        data-testid="appeal-case-timeline"
        items={view.steps.map((step) => ({
          content: (
            <span data-testid={`appeal-case-step-${step.step}`}>
              <Typography.Text type="secondary">{step.happenedOn}</Typography.Text> {t(`appeals.event.${step.step}`)}
            </span>
          ),
        }))}
      />
    </Card>
  );
}
