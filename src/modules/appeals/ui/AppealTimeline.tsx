import { Alert, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../web/i18n.tsx';
import type { AppealDetail } from '../schema.ts';

const when = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm');

/** Each 督办 of the level above on an open case, newest first: at the top of the drawer, before anything else. */
export function PressedNotes({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  if (appeal.status === 'closed') return null;
  return appeal.timeline
    .filter((event) => event.step === 'supervise')
    .reverse()
    .map((event) => <Alert key={event.id} type="error" showIcon style={{ marginBottom: 8 }} data-testid="appeal-pressed" title={t('appeals.ui.pressed_by', { who: event.actorName, at: when(event.at), note: event.note ?? '' })} />);
}

/** 办理经过: who did what and when, oldest first; internal rows marked (the worker's tracking page leaves them out). */
export function AppealTimeline({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  return (
    // Focusable, so a drawer with no step left to take still has something to reach by keyboard while it scrolls.
    <section aria-label={t('appeals.ui.timeline')} data-testid="appeal-timeline" tabIndex={0}>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 8 }}>
        {t('appeals.ui.timeline')}
      </Typography.Title>
      <Timeline
        items={appeal.timeline.map((event) => ({
          key: event.id,
          color: event.step === 'supervise' ? 'red' : event.toStatus === 'closed' ? 'green' : 'blue',
          children: (
            <div data-testid={`appeal-event-${event.step}`}>
              <Space size={6} wrap>
                <Typography.Text strong>{t(`appeals.event.${event.step}`)}</Typography.Text>
                {event.internal && <Tag>{t('appeals.ui.internal')}</Tag>}
                <Typography.Text type="secondary">
                  {event.actorName} · {event.orgName} · {when(event.at)}
                </Typography.Text>
              </Space>
              {event.note && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{event.note}</Typography.Paragraph>}
            </div>
          ),
        }))}
      />
    </section>
  );
}
