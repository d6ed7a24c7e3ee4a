import { Button, Space } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../../web/api.ts';
import { RecordDrawer, useRecord } from '../../../../web/components/RecordDrawer.tsx';
import { useI18n } from '../../../../web/i18n.tsx';
import { warningEndpoints, warningSteps, type WarningDetail, type WarningStep } from '../../warning-schema.ts';
import { WarningAppeals, WarningFacts, WarningTimeline } from './WarningDetails.tsx';
import { WarningStepModal } from './WarningStepModal.tsx';

type Translate = ReturnType<typeof useI18n>['t'];

/** The audit rows of a warning: its status and the step's note, labelled; the rest (ids) stays out. */
const auditLabels = (t: Translate) => ({
  fieldOrder: ['status', 'note', 'category'],
  fieldLabel: (field: string) => ({ status: t('appeals.warnings.field.status'), note: t('appeals.warnings.field.note'), category: t('appeals.warnings.field.category') })[field],
  formatValue: (field: string, value: unknown) => (field === 'status' ? t(`appeals.warning.status.${String(value)}`) : field === 'category' ? t(`appeals.category.${String(value)}`) : String(value)),
});

/** One warning: the steps its `abilities` allow now (each a small form), what it is, its appeals, its timeline, its audit. */
export function WarningDrawer({ warningId, onClose, onChanged }: { warningId: number | undefined; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { record: warning, setRecord, failed } = useRecord(warningId, (id) => call(warningEndpoints.get, { params: { warningId: id } }));
  const [step, setStep] = useState<WarningStep>();
  const [version, setVersion] = useState(0);
  useEffect(() => setStep(undefined), [warningId]);

  const done = (changed: WarningDetail) => {
    setRecord(changed);
    setStep(undefined);
    setVersion((n) => n + 1);
    onChanged();
  };
  const allowed = warning ? warningSteps.filter((name) => warning.abilities[name]) : [];
  return (
    <RecordDrawer
      title={t('appeals.warnings.detail.title', { id: warningId ?? '' })}
      open={warningId !== undefined}
      onClose={onClose}
      loaded={warning !== undefined}
      failed={failed}
      width={760}
      history={warning && { entity: 'appeals.warning', entityId: warning.id, reloadKey: version, ...auditLabels(t) }}
    >
      {allowed.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="warning-actions">
          {allowed.map((name) => (
            <Button key={name} type={name === 'followUp' ? 'default' : 'primary'} onClick={() => setStep(name)} data-testid={`warning-step-button-${name}`}>
              {t(`appeals.warnings.action.${name}`)}
            </Button>
          ))}
        </Space>
      )}
      {warning && <WarningFacts warning={warning} />}
      {warning && <WarningAppeals warning={warning} />}
      {warning && <WarningTimeline warning={warning} />}
      {warning && <WarningStepModal warning={warning} step={step} onClose={() => setStep(undefined)} onDone={done} />}
    </RecordDrawer>
  );
}
