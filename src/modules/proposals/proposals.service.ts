// 建议提案办理: the 人大代表建议 and 政协委员提案 assigned to the department (主办 or 协办) with their number,
// proposer and deadline (three months from assignment unless set otherwise), the reply, its publication in the
// 建议提案办理 column through the 附件3 review with the proposer's name masked, and the yearly summary.
import type { Db } from '../../platform/db/database.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { Proposal } from './proposals.tables.ts';
import { type Clock, shanghaiDate } from '../../platform/time.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import { esc } from '../annual-reports/disclosure-report-html.ts';
import type { PublicationChange } from '../publication/publication.service.ts';
import type { Release } from '../participation/release.ts';
import * as repo from './proposals.repository.ts';
import {
  KINDS,
  KIND_NAMES,
  type ProposalInput,
  type ProposalKind,
  type ProposalSummary,
  type ProposalView,
  ROLE_NAMES,
  type ReplyBody,
} from './proposals.schema.ts';

/** 自交办之日起3个月内答复. */
export function defaultDue(receivedOn: string): string {
  const d = new Date(`${receivedOn}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 3);
  return d.toISOString().slice(0, 10);
}

/** 张** : a proposer's name as published. */
export const maskProposer = (name: string) => {
  const chars = [...name.trim()];
  return chars.length <= 1 ? chars.join('') : `${chars[0]}${'*'.repeat(Math.min(2, chars.length - 1))}`;
};

export function replyHtml(p: Proposal): string {
  const kind = KIND_NAMES[p.kind as ProposalKind];
  const who = p.kind === 'npc' ? '代表' : '委员';
  return [
    `<p>${esc(maskProposer(p.proposer))}${who}：</p>`,
    `<p>您提出的《${esc(p.title)}》（${p.year}年${kind}第${esc(p.number)}号）收悉，本单位为${ROLE_NAMES[p.role as 'lead' | 'assist']}单位。现答复如下：</p>`,
    ...p.reply
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => `<p>${esc(l)}</p>`),
    `<p>答复日期：${esc(p.replied_on ?? '')}</p>`,
  ].join('\n');
}

export class ProposalsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly release: Release,
  ) {
    release.onChange((change) => this.onPublication(change));
  }

  async find(id: number): Promise<Proposal> {
    const p = await repo.findProposal(this.db, id);
    if (!p) throw new AppError('PROPOSAL_NOT_FOUND');
    return p;
  }

  async create(auth: AuthContext, siteId: number, input: ProposalInput): Promise<number> {
    const number = input.number.trim();
    if (await repo.findByNumber(this.db, siteId, input.year, input.kind, number))
      throw new AppError('PROPOSAL_NUMBER_TAKEN', { year: input.year, kind: KIND_NAMES[input.kind], number });
    const dueOn = input.dueOn ?? defaultDue(input.receivedOn);
    if (dueOn < input.receivedOn)
      throw new AppError('PARTICIPATION_TIMES_INVALID', { problem: '答复期限不能早于交办日期' });
    const at = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const id = await repo.insertProposal(trx, {
        site_id: siteId,
        year: input.year,
        kind: input.kind,
        number,
        title: input.title.trim(),
        proposer: input.proposer.trim(),
        department_id: input.departmentId ?? auth.departmentId,
        role: input.role,
        received_on: input.receivedOn,
        due_on: dueOn,
        replied_on: null,
        satisfaction: null,
        status: 'handling',
        content_id: null,
        published_at: null,
        created_by: auth.userId,
        created_at: at,
        updated_at: at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'proposal.create',
        targetType: 'proposal',
        targetId: id,
        siteId,
        detail: { year: input.year, kind: input.kind, number },
      });
      return id;
    });
  }

  async reply(auth: AuthContext, id: number, body: ReplyBody): Promise<void> {
    const p = await this.find(id);
    if (p.status === 'in_review' || p.status === 'published')
      throw new AppError('PARTICIPATION_NOT_EDITABLE', { what: '该答复' });
    if (body.repliedOn < p.received_on)
      throw new AppError('PARTICIPATION_TIMES_INVALID', { problem: '答复日期不能早于交办日期' });
    await this.db.transaction().execute(async (trx) => {
      await repo.updateProposal(trx, id, {
        reply: body.reply.trim(),
        replied_on: body.repliedOn,
        satisfaction: body.satisfaction ?? null,
        status: 'replied',
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'proposal.reply',
        targetType: 'proposal',
        targetId: id,
        siteId: p.site_id,
        detail: { repliedOn: body.repliedOn },
      });
    });
  }

  /** The reply, the proposer's name masked, to the release review for the 建议提案办理 column. */
  async publish(auth: AuthContext, id: number) {
    const p = await this.find(id);
    if (p.status !== 'replied' && !(p.status === 'in_review' && !(await this.release.inReview(p.content_id))))
      throw new AppError('PARTICIPATION_WRONG_STATE', {
        what: '该建议提案',
        state: p.status === 'handling' ? '办理中' : p.status === 'published' ? '已公开' : '审查中',
        action: '提交公开',
      });
    const released = await this.release.submit(
      auth,
      p.site_id,
      {
        column: '建议提案办理',
        type: 'article',
        title: `关于${p.year}年${KIND_NAMES[p.kind as ProposalKind]}第${p.number}号的答复`,
        source: '',
        bodyHtml: replyHtml(p),
      },
      p.content_id,
    );
    await this.db.transaction().execute(async (trx) => {
      await repo.updateProposal(trx, id, {
        status: 'in_review',
        content_id: released.contentId,
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'proposal.publish',
        targetType: 'proposal',
        targetId: id,
        siteId: p.site_id,
        detail: { contentId: released.contentId, reviewRequestId: released.reviewRequestId },
      });
    });
    return released;
  }

  async onPublication(change: PublicationChange): Promise<void> {
    for (const p of await repo.byContent(this.db, change.contentId)) {
      const at = this.clock.now().toISOString();
      await repo.updateProposal(
        this.db,
        p.id,
        change.kind === 'published'
          ? { status: 'published', published_at: p.published_at ?? at, updated_at: at }
          : { status: 'replied', published_at: null, updated_at: at },
      );
    }
  }

  private view(p: Proposal): ProposalView {
    const today = shanghaiDate(this.clock.now());
    return {
      id: p.id,
      year: p.year,
      kind: p.kind as ProposalKind,
      kindName: KIND_NAMES[p.kind as ProposalKind],
      number: p.number,
      title: p.title,
      proposer: p.proposer,
      departmentId: p.department_id,
      role: p.role as ProposalView['role'],
      receivedOn: p.received_on,
      dueOn: p.due_on,
      reply: p.reply,
      repliedOn: p.replied_on,
      satisfaction: p.satisfaction,
      status: p.status as ProposalView['status'],
      overdue: p.replied_on ? p.replied_on > p.due_on : today > p.due_on,
      contentId: p.content_id,
      publishedAt: p.published_at,
    };
  }

  async list(siteId: number, year?: number): Promise<ProposalView[]> {
    return (await repo.proposalsOfSite(this.db, siteId, year)).map((p) => this.view(p));
  }

  async detail(id: number): Promise<ProposalView> {
    return this.view(await this.find(id));
  }

  /** The year's handling: per kind, how many were handled (主办/协办), replied, on time, published, and satisfaction. */
  async summary(siteId: number, year: number): Promise<ProposalSummary> {
    const all = await repo.proposalsOfSite(this.db, siteId, year);
    return {
      year,
      kinds: KINDS.map((kind) => {
        const list = all.filter((p) => p.kind === kind);
        const count = (f: (p: Proposal) => boolean) => list.filter(f).length;
        return {
          kind,
          kindName: KIND_NAMES[kind],
          total: list.length,
          lead: count((p) => p.role === 'lead'),
          assist: count((p) => p.role === 'assist'),
          replied: count((p) => p.replied_on !== null),
          repliedOnTime: count((p) => p.replied_on !== null && p.replied_on <= p.due_on),
          published: count((p) => p.published_at !== null),
          satisfied: count((p) => p.satisfaction === '满意'),
          basicallySatisfied: count((p) => p.satisfaction === '基本满意'),
          dissatisfied: count((p) => p.satisfaction === '不满意'),
        };
      }),
    };
  }
}
