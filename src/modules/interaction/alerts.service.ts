// Reminders before a time limit and escalation after it, in the console's bell and by e-mail: the department's
// 承办人 are reminded when 签收 or the reply falls due within the site's warning time; once a limit has passed, the
// department's 分管领导 is told (督办). A message waiting for the dispatcher reminds the dispatcher's department.
// Each alert goes out once per message, kind and handling round (message_alerts), whichever node runs the job.
import type { Message } from './interaction.tables.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { InteractionCore } from './interaction.core.ts';
import * as repo from './messages.repository.ts';

type AlertKind = 'sign-soon' | 'sign-overdue' | 'reply-soon' | 'reply-overdue' | 'close-soon' | 'close-overdue';

const TEXT: Record<AlertKind, { title: string; body: (due: string) => string; leader: boolean }> = {
  'sign-soon': { title: '留言即将超过签收时限', body: (due) => `请于 ${due} 前签收。`, leader: false },
  'sign-overdue': {
    title: '留言超过签收时限未签收',
    body: (due) => `签收时限 ${due} 已过，请督促办理。`,
    leader: true,
  },
  'reply-soon': { title: '留言即将到答复时限', body: (due) => `请于 ${due} 前完成答复及审核。`, leader: false },
  'reply-overdue': {
    title: '留言超过答复时限未答复',
    body: (due) => `答复时限 ${due} 已过，请督促办理。`,
    leader: true,
  },
  'close-soon': { title: '找错留言即将到办结时限', body: (due) => `请于 ${due} 前办结。`, leader: false },
  'close-overdue': {
    title: '找错留言超过一个月未办结',
    body: (due) => `办结时限 ${due} 已过，请督促办理。`,
    leader: true,
  },
};

export class AlertsService {
  constructor(private readonly core: InteractionCore) {}

  private get deps() {
    return this.core.deps;
  }

  /** The periodic run over every site's open messages; returns how many alerts went out. */
  async run(siteId: number | null = null): Promise<number> {
    const now = this.deps.clock.now();
    const messages = [
      ...(await repo.openMessages(this.core.db, siteId)),
      ...(await repo.unclosedErrorReports(this.core.db, siteId)),
    ].filter((m) => !m.held);
    let sent = 0;
    for (const m of messages) {
      const policy = await this.core.policy(m.site_id);
      const clocks = await this.core.clocks(m, null, now);
      const due: [AlertKind, string][] = [];
      if (m.state === 'replied') {
        if (clocks.close && !clocks.close.completed) {
          if (clocks.close.overdue) due.push(['close-overdue', clocks.close.due]);
          else if (shanghaiDate(now) >= addDays(clocks.close.due, -3)) due.push(['close-soon', clocks.close.due]);
        }
      } else {
        if (!clocks.sign.completed && clocks.sign.due) {
          if (clocks.sign.overdue) due.push(['sign-overdue', clocks.sign.due]);
          else if (clocks.sign.daysLeft <= policy.remindDaysBefore) due.push(['sign-soon', clocks.sign.due]);
        }
        if (clocks.reply.due) {
          if (clocks.reply.overdue) due.push(['reply-overdue', clocks.reply.due]);
          else if (clocks.reply.daysLeft <= policy.remindDaysBefore) due.push(['reply-soon', clocks.reply.due]);
        }
      }
      for (const [kind, day] of due) if (await this.alert(m, kind, day)) sent += 1;
    }
    return sent;
  }

  private async alert(m: Message, kind: AlertKind, due: string): Promise<boolean> {
    const text = TEXT[kind];
    const leaders = text.leader && m.department_id !== null ? await this.leadersOf(m.site_id, m.department_id) : [];
    const departmentId = m.department_id ?? (await this.core.policy(m.site_id)).dispatcherDepartmentId;
    const title = `${text.title}：${m.title}`;
    const body = `留言（${m.tracking_no}）${text.body(due)}`;
    const sentAt = this.core.now();
    const first = await this.core.db.transaction().execute(async (trx) => {
      if (!(await repo.insertAlertOnce(trx, { message_id: m.id, kind, round: m.round, sent_at: sentAt }))) return false;
      await this.core.remindStaff(trx, {
        siteId: m.site_id,
        departmentId,
        key: `${m.id}:${kind}:${m.round}`,
        title,
        body,
        messageId: m.id,
      });
      for (const leader of leaders)
        await this.core.remindStaff(trx, {
          siteId: m.site_id,
          userId: leader.id,
          key: `${m.id}:${kind}:${m.round}:${leader.id}`,
          title: `【督办】${title}`,
          body,
          messageId: m.id,
        });
      await this.core.record(trx, m, {
        action: text.leader ? 'escalate' : 'remind',
        actor: { userId: null, username: 'system', ip: '' },
        actorType: 'system',
        actorName: '系统',
        note: `${text.title}（${due}）${leaders.length ? `，已告知分管领导 ${leaders.map((l) => l.displayName).join('、')}` : ''}`,
      });
      return true;
    });
    if (first && this.deps.mailer.enabled) {
      const to = leaders.map((l) => l.email).filter((e): e is string => Boolean(e));
      if (departmentId !== null)
        to.push(
          ...(await this.staffOf(m.site_id, departmentId, 'editor'))
            .map((u) => u.email)
            .filter((e): e is string => Boolean(e)),
        );
      // A failing mail server must not stop the reminders in the console.
      if (to.length)
        await this.deps.mailer
          .send({ to: [...new Set(to)], subject: `【留言办理】${title}`, text: `${body}\n\n请登录管理后台处理。` })
          .catch(() => {});
    }
    return first;
  }

  private leadersOf(siteId: number, departmentId: number) {
    return this.staffOf(siteId, departmentId, 'leader');
  }

  private async staffOf(siteId: number, departmentId: number, role: string) {
    return (await this.deps.users.list()).filter(
      (u) =>
        !u.disabled &&
        u.departmentId === departmentId &&
        u.roles.some((g) => g.role === role && (g.siteId === null || g.siteId === siteId)),
    );
  }
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
