import { Alert, Divider, Drawer, Skeleton, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { AuditHistory, type AuditHistoryProps } from './AuditHistory.tsx';

/**
 * One record read by its id while a drawer shows it: undefined while asked (and for no id), the server's refusal
 * as text when it says no. `setRecord` takes the record an edit or an action answers with.
 */
export function useRecord<Id, T>(id: Id | undefined, load: (id: Id) => Promise<T>) {
  const [record, setRecord] = useState<T>();
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    let current = true;
    setRecord(undefined);
    setFailed(undefined);
    if (id !== undefined)
      load(id).then(
        (found) => current && setRecord(found),
        (error: unknown) => current && setFailed(error instanceof ApiError ? error.problem.detail : String(error)),
      );
    return () => {
      current = false;
    };
    // `load` is a new function at every render: the id says what to read.
  }, [id]);
  return { record, setRecord, failed };
}

/**
 * A record in a side drawer: its actions at the top (only those its abilities allow, chosen by the caller), its
 * details (or the form that edits them), and below them its audit history, newest first. Every module's detail
 * drawers are this one.
 */
export function RecordDrawer({
  open,
  onClose,
  title,
  loaded,
  failed,
  actions,
  history,
  width = 720,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  /** False while the record is asked for: a skeleton shows. */
  loaded: boolean;
  failed?: string | undefined;
  actions?: ReactNode;
  /** The record's audit trail as AuditHistory reads it; absent, no history shows. */
  history?: AuditHistoryProps | undefined;
  width?: number;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Drawer title={title} open={open} onClose={onClose} size={width} destroyOnHidden extra={loaded ? actions : null}>
      {failed ? <Alert type="error" showIcon title={failed} /> : !loaded ? <Skeleton active /> : children}
      {loaded && history && (
        <>
          <Divider titlePlacement="start" style={{ marginTop: 24 }}>
            <Typography.Text strong>{t('common.history')}</Typography.Text>
          </Divider>
          <AuditHistory {...history} />
        </>
      )}
    </Drawer>
  );
}
