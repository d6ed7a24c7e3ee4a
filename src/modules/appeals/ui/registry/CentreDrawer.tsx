import { Button, Descriptions, Space } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../../web/api.ts';
import { RecordDrawer, useRecord } from '../../../../web/components/RecordDrawer.tsx';
import { useI18n } from '../../../../web/i18n.tsx';
import { registryEndpoints, type CentreDetail } from '../../registry-schema.ts';
import { CentreForm } from './CentreForm.tsx';
import { CloseCentreModal } from './CloseCentreModal.tsx';

type Translate = ReturnType<typeof useI18n>['t'];
const auditOrder = ['kind', 'name', 'orgCode', 'employerId', 'area', 'establishedOn', 'closedOn', 'staffCount'];
const auditLabels = (t: Translate) => ({
  fieldOrder: auditOrder,
  fieldLabel: (field: string) => (field === 'orgCode' ? t('appeals.centres.field.org') : auditOrder.includes(field) ? t(`appeals.centres.field.${field}`) : undefined),
  formatValue: (field: string, value: unknown) => (field === 'kind' ? t(`appeals.centre.kind.${String(value)}`) : String(value)),
});

/** One centre or station: edit and close as its abilities allow, its facts, its audit history. */
export function CentreDrawer({ centreId, onClose, onChanged }: { centreId: number | undefined; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { record: centre, setRecord, failed } = useRecord(centreId, (id) => call(registryEndpoints.get, { params: { centreId: id } }));
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setEditing(false);
    setClosing(false);
  }, [centreId]);
  const done = (changed: CentreDetail) => {
    setRecord(changed);
    setEditing(false);
    setClosing(false);
    setVersion((n) => n + 1);
    onChanged();
  };
  const field = (name: string) => t(`appeals.centres.field.${name}`);
  const actions = centre && (centre.abilities.update || centre.abilities.close) && (
    <Space>
      {centre.abilities.update && (
        <Button onClick={() => setEditing(true)} data-testid="centre-edit">
          {t('appeals.centres.edit')}
        </Button>
      )}
      {centre.abilities.close && (
        <Button danger onClick={() => setClosing(true)} data-testid="centre-close">
          {t('appeals.centres.close')}
        </Button>
      )}
    </Space>
  );
  return (
    <RecordDrawer title={centre?.name ?? ''} open={centreId !== undefined} onClose={onClose} loaded={centre !== undefined} failed={failed} actions={actions} history={centre && { entity: 'appeals.centre', entityId: centre.id, reloadKey: version, ...auditLabels(t) }}>
      {centre && (
        <Descriptions size="small" column={1} bordered data-testid="centre-detail">
          <Descriptions.Item label={field('kind')}>{t(`appeals.centre.kind.${centre.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={field('status')}>{t(`appeals.centre.status.${centre.status}`)}</Descriptions.Item>
          <Descriptions.Item label={field('org')}>{`${centre.orgName}（${centre.orgCode}）`}</Descriptions.Item>
          <Descriptions.Item label={field('employerName')}>{centre.employerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={field('area')}>{centre.area ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={field('establishedOn')}>{centre.establishedOn}</Descriptions.Item>
          <Descriptions.Item label={field('closedOn')}>{centre.closedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={field('staffCount')}>{centre.staffCount}</Descriptions.Item>
        </Descriptions>
      )}
      {centre && <CentreForm open={editing} centre={centre} orgCode={centre.orgCode} onClose={() => setEditing(false)} onSaved={done} />}
      {centre && <CloseCentreModal centre={centre} open={closing} onClose={() => setClosing(false)} onDone={done} />}
    </RecordDrawer>
  );
}
