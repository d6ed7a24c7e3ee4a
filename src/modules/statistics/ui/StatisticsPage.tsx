import { Alert, App, Col, Row, Skeleton, Space } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, call } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { useViewState } from '../../../web/view-state.ts';
import { orgEndpoints } from '../../org/schema.ts';
import { statisticsEndpoints, type ChildrenList, type Overview } from '../schema.ts';
import { ChildrenCard } from './ChildrenCard.tsx';
import { IndicatorDetail } from './IndicatorDetail.tsx';
import { IndicatorTable } from './IndicatorTable.tsx';
import { StatisticsHeader } from './StatisticsHeader.tsx';
import { viewRows, type ViewRow } from './status.ts';

/** The overview of an org and a year, and the org's trail: read again when either changes. */
function useOverview(orgCode: string, year: number | undefined) {
  const [overview, setOverview] = useState<Overview>();
  const [failed, setFailed] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  // The year the server chose, once put in the address, is the year already shown: not asked again.
  const shown = useRef<{ orgCode: string; year: number }>(undefined);
  useEffect(() => {
    if (year !== undefined && shown.current?.orgCode === orgCode && shown.current.year === year) return;
    let current = true;
    setLoading(true);
    call(statisticsEndpoints.overview, { query: { org: orgCode, year } })
      .then((found) => {
        if (!current) return;
        shown.current = { orgCode, year: found.year };
        setOverview(found);
        setFailed(undefined);
      })
      .catch((error: unknown) => current && setFailed(error instanceof ApiError ? error.problem.detail : String(error)))
      .finally(() => current && setLoading(false));
    call(orgEndpoints.trail, { params: { orgCode } }).then(
      (found) => current && setTrail(found.items),
      () => current && setTrail([]),
    );
    return () => {
      current = false;
    };
  }, [orgCode, year]);
  return { overview, failed, loading, trail };
}

/**
 * 统计与目标: every indicator of the org in view for the year in view against the plan's targets; the chosen one's
 * trend and projection, and the org's children ranked by it, on the map of Jilin where there is one. Choosing an
 * indicator or drilling into a child changes the URL (?org=&year=&indicator=), so back, forward and reload keep it.
 */
export default function StatisticsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { orgCode, search, update } = useViewState();
  const chosen = search.get('indicator') ?? undefined;
  // Without a year in the address the server opens on the latest year with records, which then goes in the address.
  const asked = Number(search.get('year')) || undefined;
  const { overview, failed, loading, trail } = useOverview(orgCode, asked);
  const year = overview?.year ?? asked;
  useEffect(() => {
    if (asked === undefined && overview) update({ year: overview.year });
  }, [asked, overview, update]);
  const [children, setChildren] = useState<ChildrenList>();
  const [childrenLoading, setChildrenLoading] = useState(false);

  const rows = useMemo(() => viewRows(overview), [overview]);
  const selected: ViewRow | undefined = rows.find((row) => row.code === chosen) ?? rows.find((row) => row.target) ?? rows[0];
  const selectedCode = selected?.code;

  useEffect(() => {
    if (!selectedCode || year === undefined) return;
    let current = true;
    setChildrenLoading(true);
    call(statisticsEndpoints.children, { query: { org: orgCode, year, indicator: selectedCode } })
      .then((found) => current && setChildren(found))
      .catch((error: unknown) => {
        if (!current) return;
        setChildren(undefined);
        void message.error({ content: error instanceof ApiError ? error.problem.detail : String(error), duration: 8 });
      })
      .finally(() => current && setChildrenLoading(false));
    return () => {
      current = false;
    };
  }, [orgCode, year, selectedCode, message]);

  const open = useCallback((code: string) => update({ org: code }), [update]);
  const choose = useCallback((code: string) => update({ indicator: code }), [update]);

  if (failed && !overview) return <Alert type="error" showIcon title={t('statistics.ui.page.unavailable')} description={failed} />;
  if (!overview) return <Skeleton active />;

  const linkTo = (code: string) => {
    const next = new URLSearchParams(search);
    next.set('org', code);
    return `/statistics?${next.toString()}`;
  };

  return (
    <Space orientation="vertical" size={16} style={{ display: 'flex' }}>
      <StatisticsHeader overview={overview} trail={trail} linkTo={linkTo} onYear={(next) => update({ year: next })} />
      {overview.org.level !== 'province' && <Alert type="info" showIcon title={t('statistics.ui.targets.below_province')} data-testid="statistics-below-province" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <IndicatorTable overview={overview} rows={rows} loading={loading} selectedCode={selectedCode} choose={choose} />
        </Col>
        <Col xs={24} xl={8}>
          {selected && <IndicatorDetail overview={overview} row={selected} />}
        </Col>
      </Row>
      {selected && overview.org.level !== 'grassroots' && <ChildrenCard overview={overview} title={selected.title} list={children} loading={childrenLoading} onOpen={open} />}
    </Space>
  );
}
