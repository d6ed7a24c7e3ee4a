import { Alert, Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { queueEndpoints, type QueueItem } from '../../../core/queues/schema.ts';
import { ApiError, call } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';

/**
 * 待办: each work queue of the user's scope with its count as of now (a county sees its unions' too); a click opens
 * the list the queue is, filtered. Queues with something waiting come first.
 */
export function QueuesCard() {
  const { t } = useI18n();
  const [items, setItems] = useState<QueueItem[]>();
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    let current = true;
    call(queueEndpoints.list).then(
      (list) => current && setItems([...list.items].sort((a, b) => Number(b.count > 0) - Number(a.count > 0))),
      (error: unknown) => current && setFailed(error instanceof ApiError ? error.problem.detail : String(error)),
    );
    return () => {
      current = false;
    };
  }, []);
  const waiting = items?.filter((item) => item.count > 0).length ?? 0;
  return (
    <Card title={t('home.queues.title')} extra={items && <Typography.Text type="secondary">{t('home.queues.waiting', { count: waiting })}</Typography.Text>} data-testid="home-queues">
      {failed ? (
        <Alert type="warning" showIcon title={t('home.queues.unavailable')} description={failed} />
      ) : !items ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.queues.none')} />
      ) : (
        <Row gutter={[12, 12]}>
          {items.map((item) => (
            <Col key={`${item.module}.${item.code}`} xs={24} sm={12}>
              <Link to={item.href} className="queue-tile" data-testid={`queue-${item.module}-${item.code}`}>
                <span className={item.count > 0 ? 'queue-count queue-count-waiting' : 'queue-count'}>{item.count.toLocaleString()}</span>
                <span className="queue-title">{item.title}</span>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
