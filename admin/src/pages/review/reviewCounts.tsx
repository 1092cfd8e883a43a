// The 我的待办 counts (waiting for me / returned to me): one shared store, refreshed every 60 s while the
// console is shown (as a poll that does not keep the session alive) and right after any review action; shown as the badge of the menu item and in the
// header's reminders. One poll serves every component that shows the counts.
import { useEffect, useState } from 'react';
import { Badge } from 'antd';
import { api } from '../../api';
import { startPolling } from '../../poll';

export interface ReviewCounts {
  waiting: number;
  returned: number;
}

let current: ReviewCounts | null = null;
const listeners = new Set<(c: ReviewCounts | null) => void>();
let inFlight: Promise<void> | null = null;
let stopPolling: (() => void) | null = null;

/** Reloads the counts (call after submitting, deciding or opening the inbox); `poll` for the timer's reloads. */
export function refreshReviewCounts(options: { poll?: boolean } = {}): Promise<void> {
  if (inFlight) return inFlight;
  inFlight = api
    .get<ReviewCounts>('/api/review/counts', { poll: options.poll })
    .then(
      (c) => {
        current = c;
        for (const l of listeners) l(c);
      },
      () => undefined,
    )
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

export function useReviewCounts(): ReviewCounts | null {
  const [counts, setCounts] = useState<ReviewCounts | null>(current);
  useEffect(() => {
    listeners.add(setCounts);
    if (!stopPolling) stopPolling = startPolling(() => void refreshReviewCounts({ poll: true }), 60_000);
    return () => {
      listeners.delete(setCounts);
      if (listeners.size === 0 && stopPolling) {
        stopPolling();
        stopPolling = null;
      }
    };
  }, []);
  return counts;
}

export const reviewCountsLabel = (c: ReviewCounts | null): string =>
  [c?.waiting ? `${c.waiting} 条待我审查` : '', c?.returned ? `${c.returned} 条被退回` : ''].filter(Boolean).join('，');

/** The badge after “我的待办” in the menu. */
export function ReviewCountBadge() {
  const counts = useReviewCounts();
  const total = (counts?.waiting ?? 0) + (counts?.returned ?? 0);
  if (!total) return null;
  const label = reviewCountsLabel(counts);
  return (
    <span data-testid="review-count-badge" data-count={total} style={{ marginInlineStart: 8 }}>
      <span aria-hidden>
        <Badge count={total} size="small" overflowCount={99} title={label} />
      </span>
      <span className="sr-only">（{label}）</span>
    </span>
  );
}
