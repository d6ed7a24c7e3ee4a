import { Button, Descriptions, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../../web/api.ts';
import { LinkButton } from '../../../../web/components/LinkButton.tsx';
import { RecordDrawer, useRecord } from '../../../../web/components/RecordDrawer.tsx';
import { useI18n } from '../../../../web/i18n.tsx';
import { legalAidEndpoints, type LegalAidCaseDetail } from '../../legal-aid-schema.ts';
import { CaseStepModal, type CaseStep } from './CaseStepModal.tsx';
import { yuanOfFen } from './money.ts';

type Translate = ReturnType<typeof useI18n>['t'];
const auditOrder = ['status', 'staffId', 'outcome', 'recoveredFen', 'institutionId', 'appealId'];
const auditLabels = (t: Translate, locale: string) => ({
  fieldOrder: auditOrder,
  // Ids in the audit rows read as numbers ("no. 3"), not as the form's choices.
  fieldLabel: (field: string) => (!auditOrder.includes(field) ? undefined : field.endsWith('Id') ? t(`appeals.legal_aid.ui.audit.${field}`) : t(`appeals.legal_aid.ui.case.field.${field}`)),
  formatValue: (field: string, value: unknown) =>
    field === 'status' ? t(`appeals.legal_aid.status.${String(value)}`) : field === 'outcome' ? t(`appeals.legal_aid.outcome.${String(value)}`) : field === 'recoveredFen' ? yuanOfFen(Number(value), locale) : String(value),
});

/** One legal-aid case: assign and close as its abilities allow, its appeal (opening in the register), its history. */
export function LegalAidCaseDrawer({ caseId, onClose, onChanged }: { caseId: number | undefined; onClose: () => void; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { record, setRecord, failed } = useRecord(caseId, (id) => call(legalAidEndpoints.getCase, { params: { legalAidCaseId: id } }));
  const [step, setStep] = useState<CaseStep>();
  const [version, setVersion] = useState(0);
  useEffect(() => setStep(undefined), [caseId]);
  const done = (changed: LegalAidCaseDetail) => {
    setRecord(changed);
    setStep(undefined);
    setVersion((n) => n + 1);
    onChanged();
  };
  const field = (name: string) => t(`appeals.legal_aid.ui.case.field.${name}`);
  const actions = record && (record.abilities.assign || record.abilities.close) && (
    <Space>
      {record.abilities.assign && (
        <Button onClick={() => setStep('assign')} data-testid="legal-aid-case-assign">
          {t('appeals.legal_aid.ui.case.assign')}
        </Button>
      )}
      {record.abilities.close && (
        <Button type="primary" onClick={() => setStep('close')} data-testid="legal-aid-case-close">
          {t('appeals.legal_aid.ui.case.close')}
        </Button>
      )}
    </Space>
  );
  return (
    <RecordDrawer title={t('appeals.legal_aid.ui.case.title', { id: caseId ?? '' })} open={caseId !== undefined} onClose={onClose} loaded={record !== undefined} failed={failed} actions={actions} history={record && { entity: 'appeals.legal_aid_case', entityId: record.id, reloadKey: version, ...auditLabels(t, locale) }}>
      {record && (
        <Descriptions size="small" column={1} bordered data-testid="legal-aid-case-detail" styles={{ label: { width: 150 } }}>
          <Descriptions.Item label={field('status')}>
            <Tag color={record.status === 'closed' ? 'default' : 'blue'}>{t(`appeals.legal_aid.status.${record.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={field('appeal')}>
            <LinkButton type="link" size="small" style={{ padding: 0 }} to={`/appeals?case=${record.appealId}`} data-testid="legal-aid-case-appeal">
              {t('appeals.legal_aid.ui.case.open_appeal', { id: record.appealId })}
            </LinkButton>
            {` · ${t(`appeals.kind.${record.appealKind}`)} · ${t(`appeals.category.${record.appealCategory}`)}`}
            {` · ${t(`appeals.status.${record.appealStatus}`)}`}
          </Descriptions.Item>
          <Descriptions.Item label={field('institution')}>{`${record.institutionName}（${record.orgName}）`}</Descriptions.Item>
          <Descriptions.Item label={field('staff')}>{record.staffName ? `${record.staffName}（${t(`appeals.legal_aid.staff.${record.staffKind}`)}）` : t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={field('acceptedOn')}>{record.acceptedOn}</Descriptions.Item>
          {record.status === 'closed' && (
            <>
              <Descriptions.Item label={field('outcome')}>{record.outcome && t(`appeals.legal_aid.outcome.${record.outcome}`)}</Descriptions.Item>
              <Descriptions.Item label={field('recovered')}>
                <span data-testid="legal-aid-recovered">{yuanOfFen(record.recoveredFen, locale)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={field('closedOn')}>{record.closedOn}</Descriptions.Item>
            </>
          )}
        </Descriptions>
      )}
      {record && <CaseStepModal legalAidCase={record} step={step} onClose={() => setStep(undefined)} onDone={done} />}
    </RecordDrawer>
  );
}
