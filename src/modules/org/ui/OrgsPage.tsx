import { Alert, Breadcrumb, Card, Skeleton, Space, Tabs } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Actor } from '../../../core/actor.ts';
import { ApiError, call } from '../../../web/api.ts';
import { AuditHistory } from '../../../web/components/AuditHistory.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { useViewState } from '../../../web/view-state.ts';
import { orgPolicy } from '../policy.ts';
import { orgEndpoints, type OrgView } from '../schema.ts';
import { EmployerTable } from './EmployerTable.tsx';
import { orgAuditLabels } from './labels.ts';
import { AddChildModal } from './AddChildModal.tsx';
import { MoveModal } from './MoveModal.tsx';
import { OrgEditDrawer } from './OrgEditDrawer.tsx';
import { kindsAllowedUnder, type Trail } from './OrgFields.tsx';
import { OrgHeader } from './OrgHeader.tsx';
import { OrgMoves } from './OrgMoves.tsx';
import { OrgTable, useOrgLink } from './OrgTable.tsx';

type Dialog = 'edit' | 'add' | 'move' | undefined;

/** 组织架构: the org in view, what it may be done with, the orgs and employers below it, and its history. */
export default function OrgsPage() {
  const { t } = useI18n();
  const me = useMe();
  const { orgCode } = useViewState();
  const linkTo = useOrgLink();
  const [org, setOrg] = useState<OrgView>();
  const [trail, setTrail] = useState<Trail>([]);
  const [failed, setFailed] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>();
  const [version, setVersion] = useState(0);
  const [tab, setTab] = useState('children');

  const load = useCallback(async () => {
    try {
      const [found, path] = await Promise.all([call(orgEndpoints.get, { params: { orgCode } }), call(orgEndpoints.trail, { params: { orgCode } })]);
      setOrg(found);
      setTrail(path.items);
      setFailed(undefined);
    } catch (error) {
      setOrg(undefined);
      setFailed(error instanceof ApiError ? error.problem.detail : String(error));
    }
  }, [orgCode]);

  useEffect(() => {
    setOrg(undefined);
    void load();
  }, [load]);

  const changed = (next?: OrgView) => {
    if (next) setOrg(next);
    setDialog(undefined);
    setVersion((n) => n + 1);
    void load();
  };

  if (failed) return <Alert type="error" showIcon title={t('org.page.unavailable')} description={failed} />;
  if (!org) return <Skeleton active />;

  const canAdd = org.abilities.addChild && kindsAllowedUnder(org).length > 0;
  const mayCreateEmployer = orgPolicy.can({ role: me.role } as Actor, 'createEmployer');
  const labels = orgAuditLabels(t);
  // A grassroots union has nothing below it: its page is its details and its history.
  const tabs = [
    ...(org.kind === 'grassroots'
      ? []
      : [
          { key: 'children', label: t('org.tab.children'), children: <OrgTable parentCode={org.code} reloadKey={version} /> },
          { key: 'employers', label: t('org.tab.employers'), children: <EmployerTable orgCode={org.code} allowCreate={mayCreateEmployer} testId="org-employer-table" prefix="employers." /> },
        ]),
    {
      key: 'history',
      label: t('common.history'),
      children: (
        <Space orientation="vertical" size={20} style={{ display: 'flex' }}>
          <AuditHistory entity="org" entityId={org.code} reloadKey={`${org.updatedAt}-${version}`} {...labels} />
          <OrgMoves orgCode={org.code} reloadKey={version} />
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ display: 'flex' }}>
      <nav aria-label={t('org.trail')}>
        <Breadcrumb
          data-testid="org-trail"
          items={trail.map((item, index) => ({
            key: item.code,
            title: index === trail.length - 1 ? <span aria-current="page">{item.name}</span> : <Link to={linkTo(item.code)}>{item.name}</Link>,
          }))}
        />
      </nav>
      <OrgHeader org={org} canAdd={canAdd} onAction={setDialog} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tabs.some((item) => item.key === tab) ? tab : tabs[0]!.key}
          onChange={setTab}
          destroyOnHidden
          items={tabs}
        />
      </Card>
      {org.abilities.update && <OrgEditDrawer org={org} trail={trail} open={dialog === 'edit'} onClose={() => setDialog(undefined)} onSaved={changed} />}
      {canAdd && <AddChildModal parent={org} trail={trail} open={dialog === 'add'} onClose={() => setDialog(undefined)} onCreated={() => changed()} />}
      {org.abilities.move && <MoveModal org={org} open={dialog === 'move'} onClose={() => setDialog(undefined)} onMoved={changed} />}
    </Space>
  );
}
