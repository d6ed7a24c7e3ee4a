import { Alert, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, call } from '../../../web/api.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { statisticsEndpoints, type Overview } from '../schema.ts';
import { useRowText } from './rowText.tsx';
import { statusColor, statusOf, viewRows, type ViewRow } from './status.ts';

/** How many years back a second look reaches: the overview's trend covers at most twelve. */
const trendSpan = 12;
/** Figures the home page shows at most; the rest are a click away. */
const shownRows = 8;

/** The latest year up to the overview's whose trend has a figure (not empty, not zero) for some indicator. */
function latestWithRecords(overview: Overview): number | undefined {
  const years = overview.rows.flatMap((row) => row.trend.filter((point) => point.value !== null && point.value !== 0).map((point) => point.year));
  return years.length ? Math.max(...years) : undefined;
}

/**
 * The overview of the latest year with records: this year's first, else the latest year of its trend that has any,
 * else (a province generated for years long past) the twelve years before. At most three questions.
 */
function useLatestOverview(orgCode: string) {
  const [overview, setOverview] = useState<Overview>();
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    let current = true;
    setOverview(undefined);
    setFailed(undefined);
    void (async () => {
      let found = await call(statisticsEndpoints.overview, { query: { org: orgCode } });
      let latest = latestWithRecords(found);
      if (latest === undefined) {
        found = await call(statisticsEndpoints.overview, { query: { org: orgCode, year: found.year - trendSpan } });
        latest = latestWithRecords(found);
      }
      if (latest !== undefined && latest !== found.year) found = await call(statisticsEndpoints.overview, { query: { org: orgCode, year: latest } });
      if (current) setOverview(found);
    })().catch((error: unknown) => current && setFailed(error instanceof ApiError ? error.problem.detail : String(error)));
    return () => {
      current = false;
    };
  }, [orgCode]);
  return { overview, failed };
}

/** One figure against its target: the indicator, its value and status, and the target below. */
function FigureRow({ overview, row }: { overview: Overview; row: ViewRow }) {
  const { t } = useI18n();
  const text = useRowText(overview);
  const status = statusOf(row, overview.year);
  return (
    <li style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`home-figure-${row.code}`}>
      <div style={{ display: 'flex', gap: 8, justifyContent: 'space-between', alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography.Text>{row.title}</Typography.Text>
        <span style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums', marginInlineEnd: 8 }}>
            {text.show(row, row.value)}
          </Typography.Text>
          {status !== 'no_target' && <Tag color={statusColor[status]} style={{ marginInlineEnd: 0 }}>{t(`statistics.ui.status.${status}`)}</Tag>}
        </span>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.target && t('statistics.ui.home.target', { target: text.target(row)! })}
        {text.sumSoFar(row) && ` · ${text.sumSoFar(row)}`}
      </Typography.Text>
    </li>
  );
}

/** 目标完成情况 on the home page: the org's figures that the plan sets targets for, those needing attention first. */
export default function HomePanel({ orgCode }: { orgCode: string }) {
  const { t } = useI18n();
  const { overview, failed } = useLatestOverview(orgCode);
  const rank = (row: ViewRow) => ['not_met', 'off_track', 'pending', 'on_track', 'met', 'no_target'].indexOf(statusOf(row, overview?.year ?? 0));
  const rows = viewRows(overview)
    .filter((row) => row.target)
    .sort((a, b) => rank(a) - rank(b));
  const more = overview && `/statistics?${new URLSearchParams({ org: orgCode, year: String(overview.year) }).toString()}`;
  return (
    <Card
      title={overview ? `${t('statistics.ui.home.title')} · ${t('statistics.ui.home.year', { year: overview.year })}` : t('statistics.ui.home.title')}
      extra={more && <Link to={more}>{t('statistics.ui.home.more')}</Link>}
      data-testid="home-figures"
    >
      {failed ? (
        <Alert type="warning" showIcon title={t('statistics.ui.home.unavailable')} description={failed} />
      ) : !overview ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statistics.ui.home.none')} />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {rows.slice(0, shownRows).map((row) => (
            <FigureRow key={row.code} overview={overview} row={row} />
          ))}
        </ul>
      )}
    </Card>
  );
}
