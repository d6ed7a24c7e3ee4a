import { Button, Space } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../web/api.ts';
import { RecordDrawer, useRecord } from '../../../web/components/RecordDrawer.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { appealEndpoints, appealSteps, type AppealDetail, type AppealStep } from '../schema.ts';
import { AppealDetails } from './AppealDetails.tsx';
import { AppealTimeline, PressedNotes } from './AppealTimeline.tsx';
import { appealAuditLabels } from './labels.ts';
import { StepModal } from './StepModal.tsx';

/** One case: the steps its `abilities` allow now (each a small form), its details (masked), its timeline, its audit history. */
export function AppealDrawer({ appealId, onClose, onChanged }: { appealId: number | undefined; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { record: appeal, setRecord, failed } = useRecord(appealId, (id) => call(appealEndpoints.get, { params: { appealId: id } }));
  const [step, setStep] = useState<AppealStep>();
  const [version, setVersion] = useState(0);
  useEffect(() => setStep(undefined), [appealId]);

  const done = (changed: AppealDetail) => {
    setRecord(changed);
    setStep(undefined);
    setVersion((n) => n + 1);
    onChanged();
  };
  const allowed = appeal ? appealSteps.filter((name) => appeal.abilities[name]) : [];
  const actions = allowed.length > 0 && (
    <Space wrap style={{ justifyContent: 'flex-end' }} data-testid="appeal-actions">
      {allowed.map((name) => (
        <Button key={name} size="small" type={name === 'supervise' ? 'primary' : 'default'} danger={name === 'supervise'} onClick={() => setStep(name)} data-testid={`appeal-step-button-${name}`}>
          {t(`appeals.step.${name}`)}
        </Button>
      ))}
    </Space>
  );
  return (
    <RecordDrawer
      title={t('appeals.ui.detail.title', { id: appealId ?? '' })}
      open={appealId !== undefined}
      onClose={onClose}
      loaded={appeal !== undefined}
      failed={failed}
      width={760}
      history={appeal && { entity: 'appeals.case', entityId: appeal.id, reloadKey: version, ...appealAuditLabels(t) }}
    >
      {actions && <div style={{ marginBottom: 12 }}>{actions}</div>}
      {appeal && <PressedNotes appeal={appeal} />}
      {appeal && <AppealDetails appeal={appeal} />}
      {appeal && <AppealTimeline appeal={appeal} />}
      {appeal && <StepModal appeal={appeal} step={step} onClose={() => setStep(undefined)} onDone={done} />}
    </RecordDrawer>
  );
}
