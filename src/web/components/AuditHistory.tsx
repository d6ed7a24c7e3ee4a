import { Table, Typography, type TableColumnsType as ColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { auditEndpoints } from '../../core/audit/schema.ts';
import type { ResponseOf } from '../../core/contract.ts';
import { hasMessage } from '../../core/i18n/catalogue.ts';
import { call } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** An event as the audit contract answers it. */
type AuditEvent = ResponseOf<typeof auditEndpoints.list>['items'][number];

export interface AuditHistoryProps {
  /** The audited entity (`org`, `employer`, `user` …) and its id as the audit trail keeps it. */
  entity: string;
  entityId: string | number;
  /**
   * The label of a recorded field, or undefined to leave the field out (ids, paths, timestamps). Without it, a field
   * is labelled by the message `<entity>.field.<field>` and left out when there is none.
   */
  fieldLabel?: (field: string) => string | undefined;
  /** How a recorded value reads (an enum's label, a date); without it, yes/no for booleans and the value as text. */
  formatValue?: (field: string, value: unknown) => ReactNode;
  /** The order fields are listed in (the form's order); fields not named follow in the order recorded. */
  fieldOrder?: readonly string[];
  /** Change it to read the history again (after an edit on the same page). */
  reloadKey?: unknown;
}

interface Change {
  field: string;
  label: string;
  before?: unknown;
  after?: unknown;
  created: boolean;
}

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const isoMoment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/**
 * The audit trail of one record, newest first: when, who, what, and each changed field as before → after in the
 * words of the page (a creation lists what was entered). Every module's detail pages show their records' history
 * with it.
 */
export function AuditHistory({ entity, entityId, fieldLabel, formatValue, fieldOrder = [], reloadKey }: AuditHistoryProps) {
  const { t, locale } = useI18n();
  const colon = locale === 'en' ? ': ' : '：';
  const [events, setEvents] = useState<AuditEvent[]>();
  const [failed, setFailed] = useState<string>();

  useEffect(() => {
    let current = true;
    setFailed(undefined);
    call(auditEndpoints.list, { query: { entity, entityId: String(entityId), limit: 100 } })
      .then((result) => current && setEvents(result.items))
      .catch((error: unknown) => current && setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      current = false;
    };
  }, [entity, entityId, reloadKey]);

  const label = (field: string) => {
    if (fieldLabel) return fieldLabel(field);
    const key = `${entity}.field.${field}`;
    return hasMessage(key) ? t(key) : undefined;
  };
  const show = (field: string, value: unknown): ReactNode => {
    if (isEmpty(value)) return t('common.none');
    if (formatValue) return formatValue(field, value);
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    // A moment the server recorded in UTC (a lock's end) reads in the reader's own time.
    if (typeof value === 'string' && isoMoment.test(value)) return dayjs(value).format('YYYY-MM-DD HH:mm');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };

  const changesOf = (event: AuditEvent): Change[] => {
    const before = asRecord(event.before);
    const after = asRecord(event.after);
    const created = event.before === null || event.before === undefined;
    const rank = (field: string) => (fieldOrder.includes(field) ? fieldOrder.indexOf(field) : fieldOrder.length);
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => rank(a) - rank(b));
    const changes: Change[] = [];
    for (const field of fields) {
      const name = label(field);
      if (!name) continue;
      if (created ? isEmpty(after[field]) : JSON.stringify(before[field] ?? null) === JSON.stringify(after[field] ?? null)) continue;
      changes.push({ field, label: name, before: before[field], after: after[field], created });
    }
    return changes;
  };

  const columns: ColumnsType<AuditEvent> = [
    { key: 'at', title: t('history.at'), dataIndex: 'at', width: 150, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
    { key: 'actor', title: t('history.actor'), dataIndex: 'actorName', width: 110 },
    { key: 'action', title: t('history.action'), dataIndex: 'action', width: 90, render: (action: string) => t(`audit.action.${action}`) },
    {
      key: 'changes',
      title: t('history.changes'),
      render: (_: unknown, event: AuditEvent) => {
        const changes = changesOf(event);
        if (!changes.length) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
        return (
          <ul className="audit-changes" style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
            {changes.map((change) => (
              <li key={change.field}>
                <Typography.Text type="secondary">{change.label}
                  {colon}
                </Typography.Text>
                {change.created ? (
                  show(change.field, change.after)
                ) : (
                  <>
                    <Typography.Text delete type="secondary">
                      {show(change.field, change.before)}
                    </Typography.Text>
                    {' → '}
                    <Typography.Text>{show(change.field, change.after)}</Typography.Text>
                  </>
                )}
              </li>
            ))}
          </ul>
        );
      },
    },
  ];

  if (failed) return <Typography.Text type="danger">{failed}</Typography.Text>;
  return (
    <div data-testid="audit-history">
      <Table<AuditEvent>
        size="small"
        rowKey="id"
        loading={events === undefined}
        columns={columns}
        dataSource={events ?? []}
        pagination={events && events.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: t('history.empty') }}
      />
    </div>
  );
}
