import { Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { LinkButton } from '../../../../web/components/LinkButton.tsx';
import { useI18n } from '../../../../web/i18n.tsx';
import type { WarningDetail } from '../../warning-schema.ts';

type Appeal = WarningDetail['appeals'][number];

/** What the warning is: its employer and category, the rule it met, its dates. */
export function WarningFacts({ warning }: { warning: WarningDetail }) {
  const { t } = useI18n();
  const field = (name: string) => t(`appeals.warnings.field.${name}`);
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered data-testid="warning-detail">
      <Descriptions.Item label={field('status')}>{t(`appeals.warning.status.${warning.status}`)}</Descriptions.Item>
      <Descriptions.Item label={field('reason')}>{t(`appeals.warning.reason.${warning.reason}`)}</Descriptions.Item>
      <Descriptions.Item label={field('employer')}>{warning.employerName}</Descriptions.Item>
      <Descriptions.Item label={field('category')}>{t(`appeals.category.${warning.category}`)}</Descriptions.Item>
      <Descriptions.Item label={field('appealCount')}>{warning.appealCount}</Descriptions.Item>
      <Descriptions.Item label={field('rule')}>{t('appeals.warnings.rule', { count: warning.threshold, days: warning.windowDays })}</Descriptions.Item>
      <Descriptions.Item label={field('raisedOn')}>{warning.raisedOn}</Descriptions.Item>
      <Descriptions.Item label={field('org')}>{warning.orgName}</Descriptions.Item>
      <Descriptions.Item label={field('acknowledgedOn')}>{warning.acknowledgedOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={field('closedOn')}>{warning.closedOn ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}

/** The appeals the warning is about that the reader may see, each opening its case in the case register. */
export function WarningAppeals({ warning }: { warning: WarningDetail }) {
  const { t } = useI18n();
  return (
    <section aria-label={t('appeals.warnings.appeals')} data-testid="warning-appeals">
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('appeals.warnings.appeals')}
      </Typography.Title>
      <Table<Appeal>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={warning.appeals}
        locale={{ emptyText: t('appeals.warnings.appeals.empty') }}
        columns={[
          {
            key: 'id',
            title: t('appeals.field.id'),
            dataIndex: 'id',
            render: (id: number) => (
              <LinkButton type="link" size="small" style={{ padding: 0 }} to={`/appeals?case=${id}`} aria-label={t('appeals.warnings.appeal.open', { id })}>
                {id}
              </LinkButton>
            ),
          },
          {
            key: 'status',
            title: t('appeals.field.status'),
            dataIndex: 'status',
            render: (status: string, appeal) => (
              <Space size={4} wrap>
                <Tag color={status === 'closed' ? 'green' : 'gold'}>{t(`appeals.status.${status}`)}</Tag>
                {appeal.groupInvolved && <Tag color="red">{t('appeals.warnings.group')}</Tag>}
              </Space>
            ),
          },
          { key: 'submittedOn', title: t('appeals.field.submittedOn'), dataIndex: 'submittedOn' },
          { key: 'org', title: t('appeals.field.org'), dataIndex: 'orgName' },
        ]}
      />
    </section>
  );
}

/** 处置经过: raised, joined, acknowledged, followed up, closed — who, where and when, oldest first. */
export function WarningTimeline({ warning }: { warning: WarningDetail }) {
  const { t } = useI18n();
  return (
    <section aria-label={t('appeals.warnings.timeline')} data-testid="warning-timeline" tabIndex={0}>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('appeals.warnings.timeline')}
      </Typography.Title>
      <Timeline
        items={warning.timeline.map((event) => ({
          key: event.id,
          color: event.step === 'close' ? 'green' : event.step === 'raised' ? 'red' : 'blue',
          children: (
            <div data-testid={`warning-event-${event.step}`}>
              <Space size={6} wrap>
                <Typography.Text strong>{t(`appeals.warning.step.${event.step}`)}</Typography.Text>
                {event.appealId !== null && <Typography.Text>#{event.appealId}</Typography.Text>}
                <Typography.Text type="secondary">
                  {event.actorName} · {event.orgName} · {dayjs(event.at).format('YYYY-MM-DD HH:mm')}
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
