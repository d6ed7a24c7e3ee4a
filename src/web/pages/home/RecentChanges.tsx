import { Alert, Card, Empty, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { auditEndpoints } from '../../../core/audit/schema.ts';
import type { ResponseOf } from '../../../core/contract.ts';
import { hasMessage } from '../../../core/i18n/catalogue.ts';
import { ApiError, call } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';

type AuditEvent = ResponseOf<typeof auditEndpoints.list>['items'][number];

const asked = 50;
const shown = 10;
/** Not changes to records: logging in, and a job queued (the import or export it runs says what it changed). */
const isChange = (event: AuditEvent) => event.action !== 'login' && !(event.entity === 'job' && event.action === 'create');

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/** What the event names the record by: its name as recorded (masked where personal), else its id. */
function recordName(event: AuditEvent): string {
  for (const side of [asRecord(event.after), asRecord(event.before)]) {
    for (const field of ['name', 'displayName', 'username', 'memberName']) if (typeof side[field] === 'string' && side[field]) return side[field];
  }
  return `#${event.entityId}`;
}

/**
 * 最近变更: the latest changes to records in the user's scope, from the audit log (already scoped and masked by the
 * server): when, who, what was done to which record.
 */
export function RecentChanges() {
  const { t } = useI18n();
  const [events, setEvents] = useState<AuditEvent[]>();
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    let current = true;
    call(auditEndpoints.list, { query: { limit: asked } }).then(
      (list) => current && setEvents(list.items.filter(isChange).slice(0, shown)),
      (error: unknown) => current && setFailed(error instanceof ApiError ? error.problem.detail : String(error)),
    );
    return () => {
      current = false;
    };
  }, []);
  const label = (prefix: string, value: string) => (hasMessage(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : value);
  return (
    <Card title={t('home.recent.title')} data-testid="home-recent">
      {failed ? (
        <Alert type="warning" showIcon title={t('home.recent.unavailable')} description={failed} />
      ) : !events ? (
        <Skeleton active />
      ) : events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.recent.none')} />
      ) : (
        <ol className="recent-changes">
          {events.map((event) => (
            <li key={event.id}>
              <div className="recent-what">
                <Typography.Text strong>{label('audit.action', event.action)}</Typography.Text>
                <Typography.Text>
                  {label('audit.entity', event.entity)} · {recordName(event)}
                </Typography.Text>
              </div>
              <Typography.Text type="secondary" className="recent-who">
                {event.actorName} · <time dateTime={event.at}>{dayjs(event.at).format('MM-DD HH:mm')}</time>
              </Typography.Text>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
