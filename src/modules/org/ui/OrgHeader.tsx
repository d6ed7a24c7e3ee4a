import { ApartmentOutlined, EditOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../web/i18n.tsx';
import type { OrgView } from '../schema.ts';

/** The org's card: its name, kind and code, what may be done with it (edit, add below, move), and its fields. */
export function OrgHeader({ org, canAdd, onAction }: { org: OrgView; canAdd: boolean; onAction: (action: 'edit' | 'add' | 'move') => void }) {
  const { t } = useI18n();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <Card
      data-testid="org-header"
      title={
        <Space size={12} wrap>
          <ApartmentOutlined style={{ color: '#b71c1c' }} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {org.name}
          </Typography.Title>
          <Tag color="red">{t(`org.kind.${org.kind}`)}</Tag>
          <Typography.Text type="secondary">{org.code}</Typography.Text>
        </Space>
      }
      extra={
        <Space>
          {org.abilities.update && (
            <Button icon={<EditOutlined />} onClick={() => onAction('edit')} data-testid="org-edit">
              {t('common.edit')}
            </Button>
          )}
          {canAdd && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => onAction('add')} data-testid="org-add-child">
              {t('org.action.add_child')}
            </Button>
          )}
          {org.abilities.move && (
            <Button icon={<SwapOutlined />} onClick={() => onAction('move')} data-testid="org-move">
              {t('org.action.move')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'code', label: t('org.field.code'), children: org.code },
          { key: 'kind', label: t('org.field.kind'), children: `${t(`org.kind.${org.kind}`)} · ${t(`org.level.${org.level}`)}` },
          { key: 'parent', label: t('org.field.parent'), children: org.parentName ?? t('common.none') },
          { key: 'regionCode', label: t('org.field.regionCode'), children: org.regionCode ?? t('common.none') },
          { key: 'industry', label: t('org.field.industry'), children: org.industry ? t(`org.industry.${org.industry}`) : t('common.none') },
          ...(org.kind === 'grassroots' ? [{ key: 'employer', label: t('org.field.employer'), children: org.employerName ?? t('common.none') }] : []),
          { key: 'foundedOn', label: t('org.field.foundedOn'), children: org.foundedOn ?? t('common.none') },
          { key: 'childCount', label: t('org.field.childCount'), children: org.childCount },
          { key: 'hasWomenCommittee', label: t('org.field.hasWomenCommittee'), children: yesNo(org.hasWomenCommittee) },
          { key: 'hasProfessionalChair', label: t('org.field.hasProfessionalChair'), children: yesNo(org.hasProfessionalChair) },
          { key: 'partyUnionJoint', label: t('org.field.partyUnionJoint'), children: yesNo(org.partyUnionJoint) },
        ]}
      />
    </Card>
  );
}
