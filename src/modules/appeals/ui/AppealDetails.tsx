import { Descriptions, Tag } from 'antd';
import { useI18n } from '../../../web/i18n.tsx';
import type { AppealDetail } from '../schema.ts';

/** The case's fields, the worker's personal data masked as the server sends it. */
export function AppealDetails({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  const none = t('common.none');
  const row = (key: string, children: React.ReactNode) => ({ key, label: t(`appeals.field.${key}`), children: children ?? none });
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      data-testid="appeal-detail"
      styles={{ label: { width: 150 } }}
      items={[
        row('status', <Tag>{t(`appeals.status.${appeal.status}`)}</Tag>),
        row('kind', `${t(`appeals.kind.${appeal.kind}`)} · ${t(`appeals.category.${appeal.category}`)}`),
        row('channel', t(`appeals.channel.${appeal.channel}`)),
        row('org', `${appeal.orgName}（${appeal.orgCode}）`),
        row('receivedOrg', appeal.receivedOrgName),
        ...(appeal.dispatchedByOrgName ? [row('dispatchedBy', appeal.dispatchedByOrgName)] : []),
        row('employer', appeal.employerName),
        row('place', appeal.placeName),
        row('facts', <span style={{ whiteSpace: 'pre-wrap' }}>{appeal.facts}</span>),
        row('request', <span style={{ whiteSpace: 'pre-wrap' }}>{appeal.request}</span>),
        row('groupInvolved', appeal.groupInvolved ? t('common.yes') : t('common.no')),
        row('name', appeal.anonymous ? t('appeals.ui.anonymous') : appeal.name),
        row('phone', appeal.phone && <span style={{ fontFamily: 'monospace' }}>{appeal.phone}</span>),
        row('idNumber', appeal.idNumber && <span style={{ fontFamily: 'monospace' }}>{appeal.idNumber}</span>),
        // Found by the ID number in the roster of the reader's scope: the case is one of a member's.
        ...(appeal.idNumber ? [row('rosterMember', appeal.rosterMemberships.length ? appeal.rosterMemberships.map((membership) => `${membership.orgName}（${membership.orgCode}）`).join('；') : t('appeals.ui.notInRoster'))] : []),
        row('difficulty', appeal.difficulty && t(`appeals.difficulty.${appeal.difficulty}`)),
        row('handler', appeal.handlerName),
        row('submittedOn', appeal.submittedOn),
        row('acceptedOn', appeal.acceptedOn),
        row('dueOn', appeal.dueOn && (appeal.overdue ? <Tag color="volcano">{`${appeal.dueOn} ${t('appeals.ui.overdue')}`}</Tag> : appeal.dueOn)),
        ...(appeal.extensionDays ? [row('extensionDays', appeal.extensionDays)] : []),
        ...(appeal.extensionRequested ? [row('extensionRequested', appeal.extensionRequested)] : []),
        ...(appeal.answer ? [row('answer', <span style={{ whiteSpace: 'pre-wrap' }}>{appeal.answer}</span>), row('answeredOn', appeal.answeredOn)] : []),
        ...(appeal.closedOn ? [row('closedOn', appeal.closedOn)] : []),
        ...(appeal.rating ? [row('rating', t(`appeals.rating.${appeal.rating}`)), row('ratingReason', appeal.ratingReason)] : []),
      ]}
    />
  );
}
