import { Button, Descriptions, Space } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../../web/api.ts';
import { RecordDrawer, useRecord } from '../../../../web/components/RecordDrawer.tsx';
import { useI18n } from '../../../../web/i18n.tsx';
import { legalAidEndpoints, type InstitutionDetail } from '../../legal-aid-schema.ts';
import { InstitutionForm } from './InstitutionForm.tsx';
import { StaffForm } from './StaffForm.tsx';
import { StaffList } from './StaffList.tsx';

type Translate = ReturnType<typeof useI18n>['t'];
const auditOrder = ['orgCode', 'name', 'establishedOn', 'kind', 'phone'];
const auditLabels = (t: Translate) => ({
  fieldOrder: auditOrder,
  fieldLabel: (field: string) => (auditOrder.includes(field) ? t(`appeals.legal_aid.ui.field.${field}`) : undefined),
  formatValue: (field: string, value: unknown) => String(value),
});

/** One institution: its federation and dates, its lawyers and volunteers (masked, shown in full on request), its history. */
export function InstitutionDrawer({ institutionId, onClose, onChanged }: { institutionId: number | undefined; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { record: institution, setRecord, failed } = useRecord(institutionId, (id) => call(legalAidEndpoints.getInstitution, { params: { institutionId: id } }));
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setEditing(false);
    setAdding(false);
  }, [institutionId]);
  const changed = (next?: InstitutionDetail) => {
    if (next) setRecord(next);
    else if (institutionId !== undefined) void call(legalAidEndpoints.getInstitution, { params: { institutionId } }).then(setRecord, () => undefined);
    setEditing(false);
    setAdding(false);
    setVersion((n) => n + 1);
    onChanged();
  };
  const field = (name: string) => t(`appeals.legal_aid.ui.field.${name}`);
  const actions = institution && (institution.abilities.update || institution.abilities.addStaff) && (
    <Space>
      {institution.abilities.addStaff && (
        <Button type="primary" onClick={() => setAdding(true)} data-testid="legal-aid-staff-add">
          {t('appeals.legal_aid.ui.staff.add')}
        </Button>
      )}
      {institution.abilities.update && (
        <Button onClick={() => setEditing(true)} data-testid="legal-aid-institution-edit">
          {t('appeals.legal_aid.ui.institution.edit')}
        </Button>
      )}
    </Space>
  );
  return (
    <RecordDrawer title={institution?.name ?? ''} open={institutionId !== undefined} onClose={onClose} loaded={institution !== undefined} failed={failed} actions={actions} history={institution && { entity: 'appeals.legal_aid_institution', entityId: institution.id, reloadKey: version, ...auditLabels(t) }}>
      {institution && (
        <Descriptions size="small" column={1} bordered data-testid="legal-aid-institution-detail" styles={{ label: { width: 150 } }}>
          <Descriptions.Item label={field('org')}>{`${institution.orgName}（${institution.orgCode}）`}</Descriptions.Item>
          <Descriptions.Item label={field('level')}>{t(`appeals.legal_aid.ui.level.${institution.orgLevel}`)}</Descriptions.Item>
          <Descriptions.Item label={field('establishedOn')}>{institution.establishedOn}</Descriptions.Item>
          <Descriptions.Item label={field('openCases')}>{institution.openCases}</Descriptions.Item>
        </Descriptions>
      )}
      {institution && <StaffList institutionId={institution.id} reloadKey={version} />}
      {institution && <InstitutionForm open={editing} institution={institution} orgCode={institution.orgCode} onClose={() => setEditing(false)} onSaved={changed} />}
      {institution && <StaffForm institutionId={institution.id} open={adding} onClose={() => setAdding(false)} onAdded={() => changed()} />}
    </RecordDrawer>
  );
}
