import { Button, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Actor } from '../../../core/actor.ts';
import { call } from '../../../web/api.ts';
import { RecordDrawer, useRecord } from '../../../web/components/RecordDrawer.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { legalAidPolicy } from '../policy.ts';
import { appealEndpoints, appealSteps, type AppealDetail, type AppealStep } from '../schema.ts';
import { AppealDetails } from './AppealDetails.tsx';
import { AppealTimeline, PressedNotes } from './AppealTimeline.tsx';
import { appealAuditLabels } from './labels.ts';
import { TakeCaseModal } from './legal-aid/TakeCaseModal.tsx';
import { StepModal } from './StepModal.tsx';

/** One case: the steps its `abilities` allow now (each a small form), its details (masked), its timeline, its audit history. */
export function AppealDrawer({ appealId, onClose, onChanged }: { appealId: number | undefined; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { record: appeal, setRecord, failed } = useRecord(appealId, (id) => call(appealEndpoints.get, { params: { appealId: id } }));
  const [step, setStep] = useState<AppealStep>();
  const [takingAid, setTakingAid] = useState(false);
  const [version, setVersion] = useState(0);
  const navigate = useNavigate();
  // Legal aid is the legal-aid institutions' step, not the case's: its own right, and the server checks the rest.
  const mayTakeAid = legalAidPolicy.can({ role: useMe().role } as Actor, 'handle');
  useEffect(() => {
    setStep(undefined);
    setTakingAid(false);
  }, [appealId]);

  const done = (changed: AppealDetail) => {
    setRecord(changed);
    setStep(undefined);
    setVersion((n) => n + 1);
    onChanged();
  };
  const allowed = appeal ? appealSteps.filter((name) => appeal.abilities[name]) : [];
  const actions = (allowed.length > 0 || (appeal && mayTakeAid)) && (
    <Space wrap style={{ justifyContent: 'flex-end' }} data-testid="appeal-actions">
      {allowed.map((name) => (
        <Button key={name} size="small" type={name === 'supervise' ? 'primary' : 'default'} danger={name === 'supervise'} onClick={() => setStep(name)} data-testid={`appeal-step-button-${name}`}>
          {t(`appeals.step.${name}`)}
        </Button>
      ))}
      {mayTakeAid && (
        <Button size="small" onClick={() => setTakingAid(true)} data-testid="appeal-legal-aid-take">
          {t('appeals.legal_aid.ui.appeal_action')}
        </Button>
      )}
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
      {appeal && mayTakeAid && <TakeCaseModal open={takingAid} appealId={appeal.id} onClose={() => setTakingAid(false)} onTaken={(taken) => navigate(`/appeals/legal-aid?tab=cases&legalAidCase=${taken.id}`)} />}
    </RecordDrawer>
  );
}
