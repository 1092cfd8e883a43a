// The bell in the header: unread reminders (栏目即将到期, 待您审查, 被退回 …) and the 我的待办 counts, in a
// dropdown list. The badge counts my unread reminders (read state is per person); waiting work without an
// unread reminder shows as a dot. Opening a reminder marks it read (for me) and goes to its page.
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Empty, Popover, Space, Spin, Typography } from 'antd';
import { BellOutlined, InboxOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { showError } from '../../feedback';
import { formatDateTime } from '../../format';
import type { NotificationItem, NotificationList as Notifications } from '../../../../src/modules/duty/duty.schema.ts';
import { consolePath } from '../../format';
import { useActivePoll } from '../../poll';
import { reviewCountsLabel, useReviewCounts } from '../review/reviewCounts';
import '../content/content.css';

export function NotificationBell({ showReview }: { showReview: boolean }) {
  const navigate = useNavigate();
  const [data, setData] = useState<Notifications | null>(null);
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const counts = useReviewCounts();

  /** `visible`: the staff member opened the list (spinner, errors shown); otherwise a background poll. */
  const load = useCallback(async (visible = false) => {
    if (visible) setLoading(true);
    try {
      setData(await api.get<Notifications>('/api/notifications', { poll: !visible }));
    } catch (err) {
      if (visible) showError(err);
    } finally {
      if (visible) setLoading(false);
    }
  }, []);
  useActivePoll(() => void load(), 60_000);
  // The review reminders follow the 待办 counts (a decision adds and removes them).
  const countsNow = counts ? `${counts.waiting}/${counts.returned}` : null;
  useEffect(() => {
    if (countsNow !== null) void load();
  }, [countsNow, load]);

  const review = showReview ? (counts?.waiting ?? 0) + (counts?.returned ?? 0) : 0;
  const unread = data?.unread ?? 0;

  const markRead = async (n: NotificationItem) => {
    if (n.read_at) return;
    try {
      await api.post(`/api/notifications/${n.id}/read`);
    } catch (err) {
      showError(err);
    }
  };

  const openItem = async (n: NotificationItem) => {
    setOpen(false);
    await markRead(n);
    void load();
    const inside = consolePath(n.link);
    if (inside) navigate(inside);
    else if (/^(https?:)?\//.test(n.link)) window.open(n.link, '_blank', 'noopener');
  };

  const markAll = async () => {
    try {
      await api.post('/api/notifications/read-all');
    } catch (err) {
      showError(err);
    }
    await load(true);
  };

  const parts = [unread ? `${unread} 条未读提醒` : '', reviewCountsLabel(showReview ? counts : null)].filter(Boolean);
  const label = parts.length ? `提醒：${parts.join('，')}` : '提醒：没有未读提醒';

  const content = (
    <div style={{ width: 360, maxWidth: '80vw' }} data-testid="notification-list">
      <Spin spinning={loading}>
        {review > 0 && (
          <button
            type="button"
            className="notice-item"
            onClick={() => {
              setOpen(false);
              navigate('/inbox');
            }}
          >
            <Space align="start">
              <InboxOutlined aria-hidden style={{ color: '#1d4ea8', marginTop: 4 }} />
              <span>
                <Typography.Text strong>我的待办</Typography.Text>
                <br />
                <Typography.Text>{reviewCountsLabel(counts)}</Typography.Text>
              </span>
            </Space>
          </button>
        )}
        {data && data.items.length === 0 && review === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无提醒" />
        )}
        <ul className="notice-list" aria-label="提醒列表">
          {(data?.items ?? []).map((n) => (
            <li key={n.id}>
              <button
                type="button"
                className={`notice-item${n.read_at ? '' : ' notice-unread'}`}
                onClick={() => void openItem(n)}
                data-testid="notification-item"
                data-kind={n.kind}
                data-read={n.read_at ? '1' : '0'}
              >
                <Typography.Text strong={!n.read_at}>
                  {!n.read_at && <span className="sr-only">未读：</span>}
                  {n.title}
                </Typography.Text>
                <Typography.Paragraph
                  type="secondary"
                  style={{ margin: '2px 0 0', fontSize: 12 }}
                  ellipsis={{ rows: 2 }}
                >
                  {n.body}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.created_at)}
                </Typography.Text>
              </button>
            </li>
          ))}
        </ul>
      </Spin>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(v) => {
        setOpen(v);
        if (v) void load(true);
      }}
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>提醒</span>
          {unread > 0 && (
            <Button size="small" type="link" onClick={() => void markAll()}>
              全部标为已读
            </Button>
          )}
        </Space>
      }
      content={content}
    >
      <Button
        ghost
        aria-label={label}
        title={label}
        data-testid="notification-bell"
        data-unread={unread}
        aria-haspopup="dialog"
        aria-expanded={open}
      >
        <Badge count={unread} dot={unread === 0 && review > 0} size="small" offset={[6, -4]} color="#c9252c">
          <BellOutlined aria-hidden style={{ color: '#fff', fontSize: 16 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
