import { Card, Col, Row, Skeleton, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../../../web/i18n.tsx';
import type { ChildrenList, Overview } from '../schema.ts';
import { hasRegionMap } from './charts/map-files.ts';
import { ChartBoundary } from './ChartBoundary.tsx';
import { ChildrenRanking } from './ChildrenRanking.tsx';

// The map files load with the first map.
const RegionMap = lazy(() => import('./charts/RegionMap.tsx'));

/** The org's children ranked by the chosen indicator, on the map of Jilin where there is one; a child opens it. */
export function ChildrenCard({ overview, title, list, loading, onOpen }: { overview: Overview; title: string; list: ChildrenList | undefined; loading: boolean; onOpen: (code: string) => void }) {
  const { t } = useI18n();
  const showMap = hasRegionMap(overview.org.regionCode) && (list?.items.some((child) => child.regionCode) ?? false);
  return (
    <Card title={t('statistics.ui.children.title', { title })} data-testid="children-card" extra={showMap ? <Typography.Text type="secondary">{t('statistics.ui.map.hint')}</Typography.Text> : undefined}>
      <Row gutter={[24, 16]}>
        {showMap && list && (
          <Col xs={24} xl={12}>
            <ChartBoundary key={overview.org.code}>
              <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 420 }} />}>
                <RegionMap regionCode={overview.org.regionCode!} orgName={overview.org.name} indicator={list.indicator} items={list.items} onOpen={onOpen} />
              </Suspense>
            </ChartBoundary>
          </Col>
        )}
        <Col xs={24} xl={showMap ? 12 : 24}>
          <ChildrenRanking list={list} loading={loading} onOpen={onOpen} />
        </Col>
      </Row>
    </Card>
  );
}
