import { Alert, Descriptions, Space, Tag } from 'antd';
import { useI18n } from '../../../web/i18n.tsx';
import type { MemberView } from '../schema.ts';
import { Revealing } from './Revealing.tsx';

/** Every field of a membership, the ID number and phone masked with their reveal buttons. */
export function MemberDetails({ member, onRevealed }: { member: MemberView; onRevealed: () => void }) {
  const { t } = useI18n();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <>
      {member.keptElsewhere && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('members.ui.kept_elsewhere')} data-testid="member-kept-elsewhere" />}
      <Descriptions
        bordered
        size="small"
        column={1}
        data-testid="member-detail"
        styles={{ label: { width: 160 } }}
        items={[
          { key: 'name', label: t('members.field.name'), children: member.name },
          { key: 'status', label: t('members.field.status'), children: member.active ? <Tag color="green">{t('members.status.active')}</Tag> : <Tag>{t('members.status.ended')}</Tag> },
          { key: 'idNumber', label: t('members.field.idNumber'), children: <Revealing member={member} field="idNumber" onRevealed={onRevealed} /> },
          { key: 'gender', label: t('members.field.gender'), children: t(`members.gender.${member.gender}`) },
          { key: 'birthYear', label: t('members.field.birthYear'), children: member.birthYear },
          { key: 'phone', label: t('members.field.phone'), children: <Revealing member={member} field="phone" onRevealed={onRevealed} /> },
          {
            key: 'household',
            label: t('members.field.household'),
            children: (
              <Space>
                {member.household ? t(`members.household.${member.household}`) : t('members.unknown')}
                {member.migrant && <Tag color="orange">{t('members.ui.migrant')}</Tag>}
              </Space>
            ),
          },
          { key: 'dispatched', label: t('members.field.dispatched'), children: member.dispatched === null ? t('members.unknown') : yesNo(member.dispatched) },
          { key: 'education', label: t('members.field.education'), children: member.education ? t(`members.education.${member.education}`) : t('common.none') },
          { key: 'job', label: t('members.field.job'), children: member.job ?? t('common.none') },
          { key: 'union', label: t('members.field.union'), children: `${member.orgName}（${member.orgCode}）` },
          { key: 'joinedOn', label: t('members.field.joinedOn'), children: member.joinedOn },
          ...(member.endedOn
            ? [
                { key: 'endedOn', label: t('members.field.endedOn'), children: member.endedOn },
                { key: 'endReason', label: t('members.field.endReason'), children: member.endReason ? t(`members.end_reason.${member.endReason}`) : t('common.none') },
              ]
            : []),
          { key: 'cardNumber', label: t('members.field.cardNumber'), children: member.cardNumber ?? t('common.none') },
          { key: 'secondJob', label: t('members.ui.second_job'), children: yesNo(member.secondJob) },
        ]}
      />
    </>
  );
}
