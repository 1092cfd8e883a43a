// A statutory clock as staff read it: the due day and the working days left, paused while the applicant corrects,
// a third party is consulted or a fee is awaited, red once overdue.
import { Tag } from 'antd';
import type { ApplicationSummary } from '../../../../src/modules/disclosure/disclosure.schema';

type Clock = ApplicationSummary['clock'];

export function ClockTag({ clock }: { clock: Clock }) {
  if (clock.completed) return <Tag color="green">已答复（用时 {clock.daysUsed} 个工作日）</Tag>;
  if (clock.paused) return <Tag color="purple">暂停计时（已用 {clock.daysUsed} 个工作日）</Tag>;
  if (!clock.due) return <Tag>期限：—</Tag>;
  if (clock.overdue) return <Tag color="red">已超期（应于 {clock.due} 前答复）</Tag>;
  const color = clock.daysLeft <= 5 ? 'orange' : 'blue';
  return (
    <Tag color={color}>
      {clock.due} 前（剩 {clock.daysLeft} 个工作日）{clock.estimated ? '（估算）' : ''}
    </Tag>
  );
}
