import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { orgEndpoints, type OrgView } from '../../modules/org/schema.ts';
import { call } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { moduleUis } from '../modules.ts';
import { useMe } from '../session.tsx';
import { keepView, useViewState } from '../view-state.ts';

/** Where a user lands: the org they are looking at, and the work lines they can open from here. */
export default function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  const { orgCode } = useViewState();
  const [search] = useSearchParams();
  const [org, setOrg] = useState<OrgView>();
  useEffect(() => {
    void call(orgEndpoints.get, { params: { orgCode } }).then(setOrg);
  }, [orgCode]);
  const entries = moduleUis.flatMap((module) => module.navigation).filter((entry) => !entry.roles || entry.roles.includes(me.role));
  return (
    <>
      <Typography.Title level={2}>{t('home.welcome', { name: me.displayName })}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('home.your_org')}>
            {org && (
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('org.field.name')}>{org.name}</Descriptions.Item>
                <Descriptions.Item label={t('org.field.code')}>{org.code}</Descriptions.Item>
                <Descriptions.Item label={t('org.field.kind')}>{t(`org.kind.${org.kind}`)} · {t(`org.level.${org.level}`)}</Descriptions.Item>
                <Descriptions.Item label={t('shell.scope')}>{t('home.children', { count: org.childCount })}</Descriptions.Item>
              </Descriptions>
            )}
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 12 }}>
              {t('home.scope_note')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('shell.navigation')}>
            <Row gutter={[8, 8]}>
              {entries.map((entry) => (
                <Col key={entry.path} span={12}>
                  <Link to={`${entry.path}${keepView(search)}`}>{t(entry.labelKey)}</Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </>
  );
}
