import { Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { orgEndpoints, type OrgView } from '../../modules/org/schema.ts';
import { call } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { moduleUis } from '../modules.ts';
import { useMe } from '../session.tsx';
import { keepView, useViewState } from '../view-state.ts';
import { QueuesCard } from './home/QueuesCard.tsx';
import { RecentChanges } from './home/RecentChanges.tsx';

const panels = moduleUis.flatMap((module) => (module.home ? [module.home] : [])).sort((a, b) => a.order - b.order);

/**
 * Where a union officer starts the day: what waits for them (the work queues of their scope, each a link to its
 * list), the modules' panels for the org in view (the plan's targets …), and what changed lately in their scope.
 */
export default function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  const { orgCode } = useViewState();
  const [search] = useSearchParams();
  const [org, setOrg] = useState<OrgView>();
  useEffect(() => {
    call(orgEndpoints.get, { params: { orgCode } }).then(setOrg, () => setOrg(undefined));
  }, [orgCode]);
  const entries = moduleUis.flatMap((module) => module.navigation).filter((entry) => !entry.roles || entry.roles.includes(me.role));
  return (
    <Space orientation="vertical" size={16} style={{ display: 'flex' }}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="home-scope">
          {t('home.scope', { org: me.org.name, role: t(`role.${me.role}`) })}
          {org && org.code !== me.org.code && ` · ${t('home.in_view', { org: org.name })}`}
          {org && org.kind !== 'grassroots' && ` · ${t('home.children', { count: org.childCount })}`}
        </Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ display: 'flex' }}>
            <QueuesCard />
            {panels.map((panel, index) => (
              <Suspense key={index} fallback={<Card><Skeleton active /></Card>}>
                <panel.panel orgCode={orgCode} />
              </Suspense>
            ))}
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ display: 'flex' }}>
            <RecentChanges />
            <Card title={t('home.shortcuts')} size="small">
              <div className="home-shortcuts">
                {entries.map((entry) => (
                  <Link key={entry.path} to={`${entry.path}${keepView(search)}`}>
                    {entry.icon && <entry.icon />} {t(entry.labelKey)}
                  </Link>
                ))}
              </div>
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
