import { Card, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Actor } from '../../../core/actor.ts';
import { call } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { useViewState } from '../../../web/view-state.ts';
import { orgPolicy } from '../policy.ts';
import { orgEndpoints, type OrgView } from '../schema.ts';
import { EmployerTable } from './EmployerTable.tsx';

/** 单位: the employers registered in the subtree of the org in view. */
export default function EmployersPage() {
  const { t } = useI18n();
  const me = useMe();
  const { orgCode } = useViewState();
  const [org, setOrg] = useState<OrgView>();
  useEffect(() => {
    void call(orgEndpoints.get, { params: { orgCode } }).then(setOrg, () => setOrg(undefined));
  }, [orgCode]);
  // List answers carry abilities per record only; whether one may add an employer is the policy's word on the role.
  const mayCreate = orgPolicy.can({ role: me.role } as Actor, 'createEmployer');
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('employer.page.title')}
          {org && (
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginInlineStart: 12 }}>
              {t('employer.page.scope', { name: org.name })}
            </Typography.Text>
          )}
        </Typography.Title>
      }
    >
      <EmployerTable orgCode={orgCode} allowCreate={mayCreate} />
    </Card>
  );
}
