import { EditOutlined } from '@ant-design/icons';
import { Button, Descriptions, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../web/api.ts';
import { RecordDrawer, useRecord } from '../../../web/components/RecordDrawer.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { employerEndpoints } from '../schema.ts';
import { EmployerEditForm } from './EmployerForms.tsx';
import { employerAuditLabels } from './labels.ts';

/** One employer: its details, an edit form when the user may edit it, and its history. */
export function EmployerDrawer({ employerId, onClose, onChanged }: { employerId: number | undefined; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { record: employer, setRecord, failed } = useRecord(employerId, (id) => call(employerEndpoints.get, { params: { employerId: id } }));
  const [editing, setEditing] = useState(false);
  useEffect(() => setEditing(false), [employerId]);

  return (
    <RecordDrawer
      title={employer?.name ?? t('common.details')}
      open={employerId !== undefined}
      onClose={onClose}
      loaded={employer !== undefined}
      failed={failed}
      actions={
        employer?.abilities.update && !editing ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        ) : null
      }
      history={employer && { entity: 'employer', entityId: employer.id, reloadKey: employer.updatedAt, ...employerAuditLabels(t) }}
    >
      {employer && editing ? (
        <EmployerEditForm
          employer={employer}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setRecord(saved);
            setEditing(false);
            onChanged();
          }}
        />
      ) : (
        employer && (
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 160 } }}
            items={[
              { key: 'name', label: t('employer.field.name'), children: employer.name },
              { key: 'creditCode', label: t('employer.field.creditCode'), children: employer.creditCode ?? t('common.none') },
              { key: 'ownership', label: t('employer.field.ownership'), children: t(`employer.ownership.${employer.ownership}`) },
              { key: 'sizeClass', label: t('employer.field.sizeClass'), children: t(`employer.size.${employer.sizeClass}`) },
              { key: 'aboveScale', label: t('employer.field.aboveScale'), children: employer.aboveScale ? t('common.yes') : t('common.no') },
              { key: 'industry', label: t('employer.field.industry'), children: `${employer.industry} ${t(`employer.industry.${employer.industry}`)}` },
              { key: 'employeeCount', label: t('employer.field.employeeCount'), children: employer.employeeCount.toLocaleString() },
              { key: 'regionCode', label: t('employer.field.regionCode'), children: employer.regionCode ?? t('common.none') },
              { key: 'address', label: t('employer.field.address'), children: employer.address ?? t('common.none') },
              { key: 'org', label: t('employer.field.org'), children: `${employer.orgName}（${employer.orgCode}）` },
              { key: 'union', label: t('employer.field.union'), children: employer.unionName ? `${employer.unionName}（${employer.unionCode}）` : <Tag>{t('employer.not_unionised')}</Tag> },
            ]}
          />
        )
      )}
    </RecordDrawer>
  );
}
