// A site's message-board settings: the time limits per category (within the rules' maxima), the dispatcher's
// department, the routing rules (category and keywords → department), and opening the 互动交流 columns. Audited.
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/audit/audit.service.ts';
import type { MessageRoute } from './interaction.tables.ts';
import { assertPolicy, CATEGORIES, type InteractionPolicy } from './policy.ts';
import type { InteractionCore } from './interaction.core.ts';
import type { RouteInput, RouteView } from './interaction.schema.ts';
import { cleanKeywords } from './routing.ts';
import { ensureBoardColumns } from './board.ts';
import * as replies from './replies.repository.ts';

export class InteractionSettings {
  constructor(private readonly core: InteractionCore) {}

  private get deps() {
    return this.core.deps;
  }

  /** The policy with the dispatcher's department filled in (综合处 when the site has one). */
  policy(siteId: number): Promise<InteractionPolicy> {
    return this.core.policy(siteId);
  }

  async savePolicy(actor: Actor, siteId: number, policy: InteractionPolicy): Promise<InteractionPolicy> {
    assertPolicy(policy);
    if (policy.dispatcherDepartmentId !== null) {
      const departments = await this.deps.departments.list(siteId);
      if (!departments.some((d) => d.id === policy.dispatcherDepartmentId))
        throw new AppError('MESSAGE_DEPARTMENT_INVALID');
    }
    await this.core.db.transaction().execute(async (trx) => {
      await this.core.savePolicy(trx, siteId, policy);
      await this.deps.audit.record(trx, actor, {
        action: 'message.policy',
        targetType: 'site',
        targetId: siteId,
        siteId,
        detail: policy as unknown as Record<string, unknown>,
      });
    });
    await this.core.changed({ siteId, messageId: 0, public: false });
    return this.policy(siteId);
  }

  private async routeView(r: MessageRoute, names: Map<number, string>): Promise<RouteView> {
    return {
      id: r.id,
      category: r.category,
      keywords: JSON.parse(r.keywords) as string[],
      departmentId: r.department_id,
      departmentName: names.get(r.department_id) ?? '',
      sort: r.sort,
      enabled: r.enabled === 1,
    };
  }

  async routes(siteId: number): Promise<RouteView[]> {
    const names = new Map((await this.deps.departments.list(siteId)).map((d) => [d.id, d.name]));
    return Promise.all((await replies.routesOf(this.core.db, siteId)).map((r) => this.routeView(r, names)));
  }

  private async clean(siteId: number, input: RouteInput) {
    const keywords = cleanKeywords(input.keywords);
    if (keywords.length === 0) throw new AppError('ROUTE_KEYWORDS_REQUIRED');
    // Any category: null in JSON, which the request validation's type coercion turns into ''.
    const category = input.category || null;
    if (category !== null && !(CATEGORIES as readonly string[]).includes(category))
      throw new AppError('MESSAGE_CATEGORY_INVALID');
    const departments = await this.deps.departments.list(siteId);
    if (!departments.some((d) => d.id === input.departmentId)) throw new AppError('MESSAGE_DEPARTMENT_INVALID');
    return {
      category,
      keywords: JSON.stringify(keywords),
      department_id: input.departmentId,
      sort: input.sort ?? 0,
      enabled: input.enabled === false ? (0 as const) : (1 as const),
    };
  }

  async createRoute(actor: Actor, siteId: number, input: RouteInput): Promise<RouteView[]> {
    const values = await this.clean(siteId, input);
    const at = this.core.now();
    await this.core.db.transaction().execute(async (trx) => {
      const id = await replies.insertRoute(trx, { ...values, site_id: siteId, created_at: at, updated_at: at });
      await this.deps.audit.record(trx, actor, {
        action: 'message.route.create',
        targetType: 'message_route',
        targetId: id,
        siteId,
        detail: values,
      });
    });
    return this.routes(siteId);
  }

  private async route(siteId: number, id: number): Promise<MessageRoute> {
    const r = await replies.findRoute(this.core.db, id);
    if (!r || r.site_id !== siteId) throw new AppError('MESSAGE_ROUTE_NOT_FOUND');
    return r;
  }

  async updateRoute(actor: Actor, siteId: number, id: number, input: RouteInput): Promise<RouteView[]> {
    await this.route(siteId, id);
    const values = await this.clean(siteId, input);
    await this.core.db.transaction().execute(async (trx) => {
      await replies.updateRoute(trx, id, { ...values, updated_at: this.core.now() });
      await this.deps.audit.record(trx, actor, {
        action: 'message.route.update',
        targetType: 'message_route',
        targetId: id,
        siteId,
        detail: values,
      });
    });
    return this.routes(siteId);
  }

  async deleteRoute(actor: Actor, siteId: number, id: number): Promise<RouteView[]> {
    const before = await this.route(siteId, id);
    await this.core.db.transaction().execute(async (trx) => {
      await replies.deleteRoute(trx, id);
      await this.deps.audit.record(trx, actor, {
        action: 'message.route.delete',
        targetType: 'message_route',
        targetId: id,
        siteId,
        detail: { keywords: before.keywords, departmentId: before.department_id },
      });
    });
    return this.routes(siteId);
  }

  /** Opens the 互动交流 columns the site is missing (the column service audits each). */
  async openBoard(actor: Actor, siteId: number) {
    const policy = await this.policy(siteId);
    const { columns, created } = await ensureBoardColumns(
      this.deps.columns,
      actor,
      siteId,
      policy.dispatcherDepartmentId,
    );
    return { columns: columns.map((c) => ({ id: c.id, name: c.name, path: c.path })), created };
  }
}
