// The smart Q&A's knowledge base: question/answer pairs (with other ways of asking and keywords) that the
// departments' 承办人 write and their 审核人 publish; a published reply to a message can be promoted into a pair.
// Answers pass the pre-publish checks (错敏词 block) like any published text; every change is audited.
import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/auth/roles.ts';
import type { QaPair } from './interaction.tables.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { InteractionCore } from './interaction.core.ts';
import { cleanText } from './messages.service.ts';
import * as repo from './knowledge.repository.ts';
import * as messagesRepo from './messages.repository.ts';
import * as replies from './replies.repository.ts';

export interface PairInput {
  question: string;
  answer: string;
  variants?: string;
  keywords?: string;
  departmentId?: number | null;
}

export interface PairView {
  id: number;
  siteId: number;
  departmentId: number | null;
  departmentName: string | null;
  question: string;
  answer: string;
  variants: string[];
  keywords: string;
  status: string;
  statusName: string;
  hits: number;
  sourceMessageId: number | null;
  publishedAt: string | null;
  updatedAt: string;
}

export const PAIR_STATUS_NAMES: Record<string, string> = { draft: '草稿', published: '已发布', withdrawn: '已撤下' };

export class KnowledgeService {
  private readonly listeners: ((siteId: number) => void)[] = [];

  constructor(private readonly core: InteractionCore) {}

  private get deps() {
    return this.core.deps;
  }

  onChange(listener: (siteId: number) => void): void {
    this.listeners.push(listener);
  }

  private changed(siteId: number): void {
    for (const l of this.listeners) l(siteId);
  }

  async view(p: QaPair): Promise<PairView> {
    return {
      id: p.id,
      siteId: p.site_id,
      departmentId: p.department_id,
      departmentName: await this.core.departmentName(p.department_id),
      question: p.question,
      answer: p.answer,
      variants: p.variants.split('\n').filter(Boolean),
      keywords: p.keywords,
      status: p.status,
      statusName: PAIR_STATUS_NAMES[p.status] ?? p.status,
      hits: p.hits,
      sourceMessageId: p.source_message_id,
      publishedAt: p.published_at,
      updatedAt: p.updated_at,
    };
  }

  async list(siteId: number, filter: { status?: string; departmentId?: number; q?: string } = {}) {
    return Promise.all((await repo.listPairs(this.core.db, siteId, filter)).map((p) => this.view(p)));
  }

  published(siteId: number): Promise<QaPair[]> {
    return repo.publishedPairs(this.core.db, siteId);
  }

  async pair(id: number): Promise<QaPair> {
    const p = await repo.findPair(this.core.db, id);
    if (!p) throw new AppError('QA_NOT_FOUND');
    return p;
  }

  private clean(input: PairInput) {
    const variants = (input.variants ?? '')
      .split(/\n+/)
      .map((v) => v.trim())
      .filter(Boolean)
      .slice(0, 20)
      .map((v) => v.slice(0, 200));
    return {
      question: cleanText(input.question, '问题', 2, 200),
      answer: cleanText(input.answer, '答案', 5, 5000),
      variants: variants.join('\n'),
      keywords: (input.keywords ?? '').trim().slice(0, 300),
    };
  }

  private async checkWords(siteId: number, fields: { question: string; answer: string; variants: string }) {
    const report = await this.deps.prepublish.check(
      siteId,
      {
        type: 'article',
        columnId: 0,
        extraColumnIds: [],
        title: fields.question,
        subtitle: '',
        source: '',
        author: '',
        summary: fields.variants,
        keywords: '',
        coverFileId: null,
        bodyHtml: `<p>${fields.answer.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)}</p>`,
        fields: {},
        attachments: [],
        policyIds: [],
        sort: 0,
      },
      [],
    );
    const blocked = report.findings.filter((f) => f.check === 'forbidden-word');
    if (blocked.length) throw new AppError('QA_FORBIDDEN_WORDS', {}, { findings: blocked });
  }

  /** The pair's department: a site administrator may name any; others keep their own. */
  private departmentFor(auth: AuthContext, siteId: number, wanted: number | null | undefined): number | null {
    if (can(auth.grants, 'site.manage', siteId)) return wanted ?? auth.departmentId;
    if (auth.departmentId === null) throw new AppError('QA_NOT_YOUR_DEPARTMENT');
    return auth.departmentId;
  }

  private assertOwn(auth: AuthContext, p: QaPair): void {
    if (can(auth.grants, 'site.manage', p.site_id)) return;
    if (auth.departmentId === null || auth.departmentId !== p.department_id)
      throw new AppError('QA_NOT_YOUR_DEPARTMENT');
  }

  async create(auth: AuthContext, siteId: number, input: PairInput, sourceMessageId: number | null = null) {
    const fields = this.clean(input);
    await this.checkWords(siteId, fields);
    const departmentId = this.departmentFor(auth, siteId, input.departmentId);
    const at = this.core.now();
    const id = await this.core.db.transaction().execute(async (trx) => {
      const newId = await repo.insertPair(trx, {
        ...fields,
        site_id: siteId,
        department_id: departmentId,
        source_message_id: sourceMessageId,
        status: 'draft',
        created_by: auth.userId,
        updated_by: auth.userId,
        published_at: null,
        created_at: at,
        updated_at: at,
      });
      await this.deps.audit.record(trx, auth.actor, {
        action: 'knowledge.create',
        targetType: 'qa_pair',
        targetId: newId,
        siteId,
        detail: { question: fields.question, departmentId, sourceMessageId },
      });
      return newId;
    });
    return this.view(await this.pair(id));
  }

  async update(auth: AuthContext, id: number, input: PairInput) {
    const p = await this.pair(id);
    this.assertOwn(auth, p);
    const fields = this.clean(input);
    await this.checkWords(p.site_id, fields);
    const at = this.core.now();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updatePair(trx, id, {
        ...fields,
        department_id: this.departmentFor(auth, p.site_id, input.departmentId ?? p.department_id),
        // A changed answer goes back to the 审核人 before it is shown again.
        status: p.status === 'published' ? 'draft' : p.status,
        updated_by: auth.userId,
        updated_at: at,
      });
      await this.deps.audit.record(trx, auth.actor, {
        action: 'knowledge.update',
        targetType: 'qa_pair',
        targetId: id,
        siteId: p.site_id,
        detail: { question: fields.question, wasPublished: p.status === 'published' },
      });
    });
    if (p.status === 'published') this.changed(p.site_id);
    return this.view(await this.pair(id));
  }

  async setStatus(auth: AuthContext, id: number, status: 'published' | 'withdrawn') {
    const p = await this.pair(id);
    if (!can(auth.grants, 'knowledge.publish', p.site_id)) throw new AppError('FORBIDDEN');
    this.assertOwn(auth, p);
    if (status === 'published') await this.checkWords(p.site_id, p);
    const at = this.core.now();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updatePair(trx, id, {
        status,
        published_at: status === 'published' ? (p.published_at ?? at) : p.published_at,
        updated_by: auth.userId,
        updated_at: at,
      });
      await this.deps.audit.record(trx, auth.actor, {
        action: status === 'published' ? 'knowledge.publish' : 'knowledge.withdraw',
        targetType: 'qa_pair',
        targetId: id,
        siteId: p.site_id,
        detail: { question: p.question },
      });
    });
    this.changed(p.site_id);
    return this.view(await this.pair(id));
  }

  /** A published reply becomes a draft pair: the excerpt's title as the question, the reply as the answer. */
  async promote(auth: AuthContext, messageId: number) {
    const m = await messagesRepo.findMessage(this.core.db, messageId);
    if (!m) throw new AppError('MESSAGE_NOT_FOUND');
    if (!m.published_at || !m.published_reply_id) throw new AppError('QA_PROMOTE_NOT_PUBLIC');
    const reply = await replies.findReply(this.core.db, m.published_reply_id);
    if (!reply) throw new AppError('QA_PROMOTE_NOT_PUBLIC');
    return this.create(
      auth,
      m.site_id,
      {
        question: reply.excerpt_title,
        answer: reply.body,
        variants: reply.excerpt_body.split(/[。！？\n]/)[0]?.slice(0, 200) ?? '',
        keywords: m.category,
        departmentId: reply.department_id,
      },
      m.id,
    );
  }

  countHit(id: number): Promise<unknown> {
    return repo.countHit(this.core.db, id);
  }
}
