import { BarChartOutlined, DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Row, Segmented, Skeleton, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Component, lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, call } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { useViewState } from '../../../web/view-state.ts';
import { orgEndpoints } from '../../org/schema.ts';
import { statisticsEndpoints, type ChildrenList, type Overview, type OverviewRow } from '../schema.ts';
import { hasRegionMap } from './charts/map-files.ts';
import { ChildrenRanking } from './ChildrenRanking.tsx';
import { baselineFigure, baselineWhen, formatTarget, formatValue, meets } from './format.ts';
import { Sparkline } from './Sparkline.tsx';

// ECharts and the map files load with the first chart, so the table is on screen before them.
const TrendChart = lazy(() => import('./charts/TrendChart.tsx'));
const RegionMap = lazy(() => import('./charts/RegionMap.tsx'));

/** A chart that fails (a map file that cannot be read …) says so in its place; the figures around it stay. */
class ChartBoundary extends Component<{ children: ReactNode }, { error?: string }> {
  override state: { error?: string } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  override render() {
    return this.state.error ? <Alert type="warning" showIcon title={this.state.error} /> : this.props.children;
  }
}

type Status = 'met' | 'not_met' | 'on_track' | 'off_track' | 'pending' | 'no_target';
const statusColor: Record<Status, string | undefined> = { met: 'green', not_met: 'red', on_track: 'blue', off_track: 'orange', pending: undefined, no_target: undefined };

/**
 * Met or not this year. Before the year of a target to reach by a year (or of a period's sum), not having reached
 * it yet is no failure: what counts is whether the server's projection reaches it.
 */
function statusOf(row: ViewRow, year: number): Status {
  if (!row.target) return 'no_target';
  const early = row.target.mode !== 'per_year' && year < row.target.year;
  if (row.met !== null && (row.met || !early)) return row.met ? 'met' : 'not_met';
  if (early && row.projection) return meets(row.projection.value, row.target) ? 'on_track' : 'off_track';
  return 'pending';
}

type Filter = 'all' | 'with_target' | 'attention';

/** A row as shown; `provinceTarget` is a count's or a sum's target of the whole province, shown below it for reference. */
type ViewRow = OverviewRow & { provinceTarget?: OverviewRow['target'] };

/**
 * The plan's targets are the province's. A rate's target holds for every part of it (each city's coverage is to reach
 * 90 % as the province's is), but a count's or a sum's is the province's total: below the province it is shown for
 * reference only, and nothing is judged or projected against it.
 */
function viewRows(overview: Overview | undefined): ViewRow[] {
  if (!overview) return [];
  if (overview.org.level === 'province') return overview.rows;
  return overview.rows.map((row) => (row.kind !== 'rate' && row.target ? { ...row, target: null, targetValue: null, met: null, projection: null, provinceTarget: row.target } : row));
}

/**
 * 统计与目标: every indicator of the org in view for the year in view against the plan's targets; the chosen one's
 * trend and projection, and the org's children ranked by it, on the map of Jilin where there is one. Choosing an
 * indicator or drilling into a child changes the URL (?org=&year=&indicator=), so back, forward and reload keep it.
 */
export default function StatisticsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { orgCode, year, search, update } = useViewState();
  const chosen = search.get('indicator') ?? undefined;
  const [overview, setOverview] = useState<Overview>();
  const [failed, setFailed] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  const [children, setChildren] = useState<ChildrenList>();
  const [childrenLoading, setChildrenLoading] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');

  useEffect(() => {
    let current = true;
    setLoading(true);
    call(statisticsEndpoints.overview, { query: { org: orgCode, year } })
      .then((found) => {
        if (!current) return;
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

  const rows = useMemo(() => viewRows(overview), [overview]);
  const selected: ViewRow | undefined = rows.find((row) => row.code === chosen) ?? rows.find((row) => row.target) ?? rows[0];
  const selectedCode = selected?.code;

  useEffect(() => {
    if (!selectedCode) return;
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
  const plan = overview.plan;
  const show = (row: ViewRow, value: number | null | undefined) => formatValue(value, row, t, locale);
  const target = (row: ViewRow) => (row.target ? formatTarget(row.target, row, t, locale, plan?.fromYear) : undefined);
  const provinceTarget = (row: ViewRow) =>
    row.provinceTarget && (
      <Tooltip title={t('statistics.ui.target.province.hint')}>
        <Typography.Text type="secondary" tabIndex={0}>
          {t('statistics.ui.target.province', { target: formatTarget(row.provinceTarget, row, t, locale, plan?.fromYear) })}
        </Typography.Text>
      </Tooltip>
    );
  const when = (row: ViewRow) => (row.baseline ? (overview.org.level === 'province' ? baselineWhen(row.baseline, t) : t('statistics.ui.baseline.province', { when: baselineWhen(row.baseline, t) })) : '');
  // A cumulative target is held against the period's sum so far (the server's `progress`), not the year's value.
  const sumSoFar = (row: ViewRow) =>
    row.target?.mode === 'cumulative' && plan && row.progress !== null && overview.year >= plan.fromYear
      ? t('statistics.ui.progress.cumulative', { from: plan.fromYear, year: overview.year, figure: show(row, row.progress) })
      : undefined;
  const projectionText = (row: ViewRow) => {
    if (!row.target || !row.projection) return t('statistics.ui.projection.none');
    const values = { year: row.projection.year, value: show(row, row.projection.value), target: show(row, row.target.value), from: plan?.fromYear ?? '' };
    return t(row.target.mode === 'cumulative' && plan ? 'statistics.ui.projection.cumulative' : 'statistics.ui.projection', values);
  };
  const visibleRows = rows.filter((row) => (filter === 'all' ? true : filter === 'with_target' ? !!row.target : ['not_met', 'off_track'].includes(statusOf(row, overview.year))));
  const showMap = hasRegionMap(overview.org.regionCode) && (children?.items.some((child) => child.regionCode) ?? false);

  const columns: TableColumnsType<ViewRow> = [
    {
      key: 'title',
      title: t('statistics.ui.col.indicator'),
      dataIndex: 'title',
      width: 190,
      render: (title: string, row) => (
        <Space size={2} align="start">
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start', fontWeight: row.code === selectedCode ? 600 : undefined }}
            onClick={(event) => {
              event.stopPropagation();
              choose(row.code);
            }}
            aria-pressed={row.code === selectedCode}
          >
            {title}
          </Button>
          <Tooltip title={<div style={{ maxWidth: 360 }}>{row.definition}</div>}>
            <Button type="text" size="small" icon={<InfoCircleOutlined />} aria-label={t('statistics.ui.definition', { title })} style={{ color: '#8c8c8c', height: 22, width: 22 }} />
          </Tooltip>
        </Space>
      ),
    },
    {
      key: 'value',
      title: t('statistics.ui.col.value_status'),
      dataIndex: 'value',
      align: 'end',
      render: (value: number | null, row) => (
        <>
          <Tooltip title={row.denominator !== null ? t('statistics.ui.fraction', { numerator: row.numerator.toLocaleString(), denominator: row.denominator.toLocaleString() }) : undefined}>
            <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', fontWeight: 500 }}>{show(row, value)}</span>
          </Tooltip>
          {statusOf(row, overview.year) !== 'no_target' && (
            <Tag color={statusColor[statusOf(row, overview.year)]} style={{ display: 'table', marginInline: '0 0', marginInlineStart: 'auto', marginTop: 2 }}>
              {t(`statistics.ui.status.${statusOf(row, overview.year)}`)}
            </Tag>
          )}
        </>
      ),
    },
    {
      key: 'target',
      title: t('statistics.ui.col.target'),
      width: 180,
      render: (_: unknown, row) => (
        <>
          <span>{target(row) ?? provinceTarget(row) ?? '—'}</span>
          {sumSoFar(row) && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {sumSoFar(row)}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      key: 'baseline',
      title: t('statistics.ui.col.baseline'),
      render: (_: unknown, row) =>
        row.baseline ? (
          <Tooltip title={row.baseline.quote ? t('statistics.ui.baseline.quote', { quote: row.baseline.quote }) : undefined}>
            <span tabIndex={row.baseline.quote ? 0 : undefined} style={{ whiteSpace: 'nowrap' }}>
              <span style={{ borderBottom: row.baseline.quote ? '1px dotted #8c8c8c' : undefined }}>{baselineFigure(row.baseline, row, t, locale)}</span>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {when(row)}
              </Typography.Text>
            </span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { key: 'trend', title: t('statistics.ui.col.trend'), width: 84, render: (_: unknown, row) => <Sparkline values={row.trend.map((point) => point.value)} width={68} /> },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ display: 'flex' }}>
      {trail.length > 1 && (
        <nav aria-label={t('statistics.ui.trail')}>
          <Breadcrumb
            data-testid="statistics-trail"
            items={trail.map((item, index) => ({
              key: item.code,
              title: index === trail.length - 1 ? <span aria-current="page">{item.name}</span> : <Link to={linkTo(item.code)}>{item.name}</Link>,
            }))}
          />
        </nav>
      )}
      <Card data-testid="statistics-header" styles={{ body: { padding: '12px 20px' } }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
          <Space size={12} wrap>
            <BarChartOutlined style={{ color: '#b71c1c', fontSize: 20 }} />
            <Typography.Title level={4} style={{ margin: 0 }}>
              {overview.org.name}
            </Typography.Title>
            <Tag color="red">{t(`org.level.${overview.org.level}`)}</Tag>
            <Typography.Text strong>{t('statistics.ui.header.year', { year: overview.year })}</Typography.Text>
            <Typography.Text type="secondary" data-testid="statistics-plan">
              {!plan ? t('statistics.ui.header.no_plan') : plan.name.includes(String(plan.fromYear)) ? t('statistics.ui.header.plan_named', { name: plan.name }) : t('statistics.ui.header.plan', { name: plan.name, from: plan.fromYear, to: plan.toYear })}
            </Typography.Text>
          </Space>
          <Button icon={<DownloadOutlined />} href={`/api/v1/statistics/return?${new URLSearchParams({ org: orgCode, year: String(year) }).toString()}`} download data-testid="statistics-download">
            {t('statistics.ui.download')}
          </Button>
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            title={t('statistics.ui.indicators')}
            extra={
              <Segmented<Filter>
                size="small"
                aria-label={t('statistics.ui.filter')}
                value={filter}
                onChange={setFilter}
                options={(['all', 'with_target', 'attention'] as const).map((value) => ({ value, label: t(`statistics.ui.filter.${value}`) }))}
              />
            }
            styles={{ body: { padding: 0 } }}
          >
            <div data-testid="indicator-table">
              <Table<ViewRow>
                rowKey="code"
                size="small"
                loading={loading}
                columns={columns}
                dataSource={visibleRows}
                pagination={false}
                scroll={{ x: 'max-content', y: 560 }}
                locale={{ emptyText: t('statistics.ui.empty') }}
                onRow={(row) => ({ onClick: () => choose(row.code), style: { cursor: 'pointer' }, className: row.code === selectedCode ? 'ant-table-row-selected' : undefined })}
              />
            </div>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 12px', fontSize: 12 }}>
              {t('statistics.ui.indicators.count', { count: rows.length, targets: rows.filter((row) => row.target).length })} · {t('statistics.ui.select_hint')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          {selected && (
            <Card title={selected.title} data-testid="indicator-detail" style={{ height: '100%' }}>
              <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                {selected.definition}
              </Typography.Paragraph>
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'value',
                    label: t('statistics.ui.detail.value', { year: overview.year }),
                    children: (
                      <Space size={8} wrap>
                        <Typography.Text strong style={{ fontSize: 18 }} data-testid="indicator-value">
                          {show(selected, selected.value)}
                        </Typography.Text>
                        {selected.denominator !== null && (
                          <Typography.Text type="secondary">
                            ({t('statistics.ui.fraction', { numerator: selected.numerator.toLocaleString(), denominator: selected.denominator.toLocaleString() })})
                          </Typography.Text>
                        )}
                        {statusOf(selected, overview.year) !== 'no_target' && <Tag color={statusColor[statusOf(selected, overview.year)]}>{t(`statistics.ui.status.${statusOf(selected, overview.year)}`)}</Tag>}
                      </Space>
                    ),
                  },
                  ...(selected.provinceTarget ? [{ key: 'target', label: t('statistics.ui.detail.target'), children: provinceTarget(selected) }] : []),
                  ...(selected.target
                    ? [
                        {
                          key: 'target',
                          label: t('statistics.ui.detail.target'),
                          children: (
                            <span>
                              {target(selected)}
                              {sumSoFar(selected) && <Typography.Text type="secondary"> · {sumSoFar(selected)}</Typography.Text>}
                            </span>
                          ),
                        },
                      ]
                    : []),
                  ...(selected.baseline
                    ? [
                        {
                          key: 'baseline',
                          label: t('statistics.ui.detail.baseline'),
                          children: (
                            <span>
                              {baselineFigure(selected.baseline, selected, t, locale)} · {when(selected)}
                              {selected.baseline.quote && <Typography.Text type="secondary"> · {t('statistics.ui.baseline.quote', { quote: selected.baseline.quote })}</Typography.Text>}
                            </span>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
              <ChartBoundary key={`${overview.org.code}-${selected.code}`}>
                <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 260 }} />}>
                  <TrendChart row={selected} planFrom={plan?.fromYear} />
                </Suspense>
              </ChartBoundary>
              {selected.target && (selected.projection || overview.year < selected.target.year) && (
                <Alert
                  data-testid="projection"
                  style={{ marginTop: 12 }}
                  type={!selected.projection ? 'info' : meets(selected.projection.value, selected.target) ? 'success' : 'warning'}
                  showIcon
                  title={projectionText(selected)}
                />
              )}
            </Card>
          )}
        </Col>
      </Row>
      {selected && overview.org.level !== 'grassroots' && (
        <Card title={t('statistics.ui.children.title', { title: selected.title })} data-testid="children-card" extra={showMap ? <Typography.Text type="secondary">{t('statistics.ui.map.hint')}</Typography.Text> : undefined}>
          <Row gutter={[24, 16]}>
            {showMap && children && (
              <Col xs={24} xl={12}>
                <ChartBoundary key={overview.org.code}>
                  <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 420 }} />}>
                    <RegionMap regionCode={overview.org.regionCode!} orgName={overview.org.name} indicator={children.indicator} items={children.items} onOpen={open} />
                  </Suspense>
                </ChartBoundary>
              </Col>
            )}
            <Col xs={24} xl={showMap ? 12 : 24}>
              <ChildrenRanking list={children} loading={childrenLoading} onOpen={open} />
            </Col>
          </Row>
        </Card>
      )}
    </Space>
  );
}
