import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Actor } from '../../../core/actor.ts';
import { queueEndpoints, type QueueItem } from '../../../core/queues/schema.ts';
import { call, urlOf } from '../../../web/api.ts';
import { useColumnChoice } from '../../../web/components/ColumnChooser.tsx';
import { ServerTable } from '../../../web/components/ServerTable.tsx';
import { useServerTable } from '../../../web/components/useServerTable.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { useViewState } from '../../../web/view-state.ts';
import { appealPolicy } from '../policy.ts';
import { appealEndpoints, type ExportAppealsQuery } from '../schema.ts';
import { AppealCreateDrawer } from './AppealCreateDrawer.tsx';
import { AppealDrawer } from './AppealDrawer.tsx';
import { AppealFilters } from './AppealFilters.tsx';
import { appealColumnKeys, useAppealColumns } from './appealColumns.tsx';

/** The list's own filters that the export takes (the queue is a view of today, not a filter of the export). */
const exportFilters = ({ status, kind, category }: Record<string, string | undefined>) => ({ status, kind, category }) as Pick<ExportAppealsQuery, 'status' | 'kind' | 'category'>;

/**
 * 诉求办理: the cases of the org in view and below, a tab for each work queue of the user (with its count, as the home
 * page shows it), filtered and paged by the server; pressed (督办) cases first. The year picker applies to "all": a
 * queue is what waits today, whenever it came in. `?case=ID` opens that case's drawer.
 */
export default function AppealsPage() {
  const { t } = useI18n();
  const me = useMe();
  const { orgCode, year, search, update } = useViewState();
  const queue = search.get('queue') ?? undefined;
  const table = useServerTable(appealEndpoints.list, { query: { orgCode, ...(queue ? {} : { year }) }, filters: ['queue', 'status', 'kind', 'category'] });
  const choice = useColumnChoice('appeals', appealColumnKeys, ['channel', 'difficulty', 'submittedOn']);
  // A link may open one case (`?case=12`: a warning's appeals); closing it leaves the address as the list's.
  const [openId, setOpenId] = useState<number | undefined>(() => Number(search.get('case')) || undefined);
  const [creating, setCreating] = useState(false);
  const [queues, setQueues] = useState<QueueItem[]>([]);
  const [version, setVersion] = useState(0);
  const columns = useAppealColumns((appeal) => setOpenId(appeal.id));
  useEffect(() => {
    call(queueEndpoints.list).then((list) => setQueues(list.items.filter((item) => item.module === 'appeals')), () => setQueues([]));
  }, [version]);
  const changed = () => {
    table.reload();
    setVersion((n) => n + 1);
  };
  const own = orgCode === me.org.code;
  const mayCreate = appealPolicy.can({ role: me.role } as Actor, 'submit');

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t('appeals.ui.page.title')}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          {/* The list as it is filtered now, masked; the server audits it. A queue is a view of today: "all" exports. */}
          <Button icon={<DownloadOutlined />} href={urlOf(appealEndpoints.export, { query: { orgCode, year, ...exportFilters(table.filters) } })} download data-testid="appeal-export">
            {t('appeals.ui.export.button')}
          </Button>
          {mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="appeal-create">
              {t('appeals.ui.create.button')}
            </Button>
          )}
        </Space>
      }
    >
      {/* Buttons that wrap on a phone, not tabs: antd's tab overflow menu puts a button inside the tablist (axe: aria-required-children). */}
      <Radio.Group
        value={queue ?? 'all'}
        optionType="button"
        aria-label={t('appeals.ui.queues')}
        onChange={(event) => update({ queue: event.target.value === 'all' ? undefined : String(event.target.value), page: undefined, after: undefined, before: undefined })}
        data-testid="appeal-queues"
        style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8, marginBottom: 16 }}
        options={[
          { value: 'all', label: `${t('appeals.ui.tab.all')} · ${t('appeals.ui.filter.year', { year })}` },
          ...queues.map((item) => ({
            value: item.code,
            label: (
              <span data-testid={`appeal-tab-${item.code}`}>
                {t(`appeals.ui.tab.${item.code}`)} {own && <Badge count={item.count} showZero color={item.count ? (item.code === 'overdue' ? '#cf1322' : '#1677ff') : '#595959'} />}
              </span>
            ),
          })),
        ]}
      />
      <ServerTable table={table} columns={columns} rowKey="id" testId="appeal-table" label={t('appeals.ui.page.title')} filters={<AppealFilters table={table} />} choice={{ ...choice, locked: ['id'] }} emptyText={t('appeals.ui.empty')} onOpen={(appeal) => setOpenId(appeal.id)} />
      <AppealDrawer
        appealId={openId}
        onClose={() => {
          setOpenId(undefined);
          if (search.has('case')) update({ case: undefined });
        }}
        onChanged={changed}
      />
      {mayCreate && (
        <AppealCreateDrawer
          open={creating}
          orgCode={orgCode}
          onClose={() => setCreating(false)}
          onCreated={(appeal) => {
            setCreating(false);
            changed();
            setOpenId(appeal.id);
          }}
        />
      )}
    </Card>
  );
}
