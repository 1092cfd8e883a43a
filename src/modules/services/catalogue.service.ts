// The service catalogue (事项公开): items with their code, type, service objects, theme, department and events;
// the departments' registered numbers; the vague-word dictionary; integrated thematic services (一件事). Every
// change is audited in its transaction and announced so the public pages and the search cards follow.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/auth/roles.ts';
import type { ServiceItemRow } from './services.tables.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { PublicationService } from '../publication/publication.service.ts';
import * as repo from './catalogue.repository.ts';
import type { ContactsView, ImportResult, ItemInput, ItemView, ThemeInput, ThemeView } from './catalogue.schema.ts';
import type { ImportedRow } from './catalogue-xlsx.ts';
import { guideState, ITEM_CODE, parseList, toItemView, toThemeView } from './catalogue.presenter.ts';
import { assertItemWriter, assertOnSite, type ServiceChanges } from './access.ts';
import type { GuideData } from './guide.ts';
import { parsePhone } from './phones.ts';
import { cleanWordList, DEFAULT_VAGUE_WORDS } from './vague-words.ts';
import type { Static } from '@fastify/type-provider-typebox';

const vagueKey = (siteId: number) => `services.vagueWords.${siteId}`;

export class CatalogueService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly departments: DepartmentsService,
    private readonly publication: PublicationService,
    private readonly changes: ServiceChanges,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  async departmentNames(siteId: number): Promise<Map<number, string>> {
    return new Map((await this.departments.list(siteId)).map((d) => [d.id, d.name]));
  }

  async row(itemId: number): Promise<ServiceItemRow> {
    const row = await repo.findItem(this.db, itemId);
    if (!row) throw new AppError('SERVICE_ITEM_NOT_FOUND');
    return row;
  }

  /** Items with their guide's state and, once published, the published guide's time limits. */
  async views(siteId: number, rows: ServiceItemRow[]): Promise<ItemView[]> {
    const names = await this.departmentNames(siteId);
    const contentIds = rows.map((r) => r.content_id).filter((id): id is number => id !== null);
    const contents = new Map((await repo.contentStates(this.db, contentIds)).map((c) => [c.id, c]));
    const reviews = new Map<number, Awaited<ReturnType<typeof repo.latestReviews>>[number]>();
    for (const r of await repo.latestReviews(this.db, contentIds))
      if (!reviews.has(r.content_id)) reviews.set(r.content_id, r);
    const published = new Map(
      (await repo.publishedGuides(this.db, siteId)).map((g) => [g.itemId, JSON.parse(g.data) as GuideData]),
    );
    return rows.map((r) =>
      toItemView(r, {
        departmentName: names.get(r.department_id) ?? '',
        guideState: r.content_id ? guideState(contents.get(r.content_id), reviews.get(r.content_id)) : 'none',
        published: published.get(r.id) ?? null,
      }),
    );
  }

  /** The items in use on a site, in catalogue order (the public pages). */
  itemsOfSite(siteId: number): Promise<ServiceItemRow[]> {
    return repo.listItems(this.db, siteId, true);
  }

  files(ids: readonly number[]) {
    return repo.filesByIds(this.db, ids);
  }

  itemRows(ids: readonly number[]): Promise<ServiceItemRow[]> {
    return repo.itemsByIds(this.db, ids);
  }

  async list(siteId: number, activeOnly = false): Promise<ItemView[]> {
    return this.views(siteId, await repo.listItems(this.db, siteId, activeOnly));
  }

  async get(itemId: number): Promise<ItemView> {
    const row = await this.row(itemId);
    return (await this.views(row.site_id, [row]))[0];
  }

  private async checkInput(siteId: number, input: ItemInput, selfId: number | null): Promise<void> {
    if (!ITEM_CODE.test(input.code)) throw new AppError('SERVICE_ITEM_CODE_INVALID', { code: input.code });
    const same = await repo.findItemByCode(this.db, siteId, input.code);
    if (same && same.id !== selfId) throw new AppError('SERVICE_ITEM_CODE_TAKEN', { code: input.code });
    if (!(await this.departmentNames(siteId)).has(input.departmentId)) throw new AppError('SERVICE_DEPARTMENT_INVALID');
  }

  private fields(input: ItemInput) {
    const list = (values: string[]) => JSON.stringify([...new Set(values.map((v) => v.trim()).filter(Boolean))]);
    return {
      code: input.code.trim(),
      name: input.name.trim(),
      item_type: input.type,
      audiences: JSON.stringify(input.audiences),
      theme: input.theme,
      department_id: input.departmentId,
      events: list(input.events),
      keywords: list(input.keywords),
    };
  }

  async create(auth: AuthContext, siteId: number, input: ItemInput): Promise<ItemView> {
    const names = await this.departmentNames(siteId);
    if (!names.has(input.departmentId)) throw new AppError('SERVICE_DEPARTMENT_INVALID');
    assertItemWriter(auth, { site_id: siteId, department_id: input.departmentId }, names.get(input.departmentId)!);
    await this.checkInput(siteId, input, null);
    const at = this.now();
    const id = await this.db.transaction().execute(async (trx) => {
      const newId = await repo.insertItem(trx, {
        ...this.fields(input),
        site_id: siteId,
        sort: input.sort ?? 0,
        status: 'active',
        content_id: null,
        created_at: at,
        updated_at: at,
        withdrawn_at: null,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'services.item.create',
        targetType: 'service_item',
        targetId: newId,
        siteId,
        detail: { after: input },
      });
      return newId;
    });
    await this.changes.emit(siteId);
    return this.get(id);
  }

  async update(auth: AuthContext, siteId: number, itemId: number, input: ItemInput): Promise<ItemView> {
    const before = await this.row(itemId);
    if (before.site_id !== siteId) throw new AppError('SERVICE_ITEM_NOT_FOUND');
    const names = await this.departmentNames(siteId);
    assertItemWriter(auth, before, names.get(before.department_id) ?? '');
    if (input.departmentId !== before.department_id)
      assertItemWriter(
        auth,
        { site_id: siteId, department_id: input.departmentId },
        names.get(input.departmentId) ?? '',
      );
    await this.checkInput(siteId, input, itemId);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateItem(trx, itemId, {
        ...this.fields(input),
        sort: input.sort ?? before.sort,
        updated_at: this.now(),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'services.item.update',
        targetType: 'service_item',
        targetId: itemId,
        siteId,
        detail: { before: { ...before }, after: input },
      });
    });
    await this.changes.emit(siteId);
    return this.get(itemId);
  }

  /** 取消事项: it leaves the catalogue, and its published guide is withdrawn (records stay). */
  async withdraw(auth: AuthContext, siteId: number, itemId: number, reason: string): Promise<ItemView> {
    const item = await this.row(itemId);
    if (item.site_id !== siteId) throw new AppError('SERVICE_ITEM_NOT_FOUND');
    assertItemWriter(auth, item, (await this.departmentNames(siteId)).get(item.department_id) ?? '');
    if (!reason.trim()) throw new AppError('SERVICE_NOTE_REQUIRED', { what: '取消事项的理由' });
    if (item.status === 'withdrawn') return this.get(itemId);
    const at = this.now();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateItem(trx, itemId, { status: 'withdrawn', withdrawn_at: at, updated_at: at });
      await this.audit.record(trx, auth.actor, {
        action: 'services.item.withdraw',
        targetType: 'service_item',
        targetId: itemId,
        siteId,
        detail: { reason: reason.trim() },
      });
    });
    const view = await this.get(itemId);
    if (item.content_id && ['published', 'changed'].includes(view.guideState))
      await this.publication.withdraw(auth.actor, item.content_id, `事项已取消：${reason.trim()}`);
    await this.changes.emit(siteId);
    return this.get(itemId);
  }

  async restore(auth: AuthContext, siteId: number, itemId: number): Promise<ItemView> {
    const item = await this.row(itemId);
    if (item.site_id !== siteId) throw new AppError('SERVICE_ITEM_NOT_FOUND');
    assertItemWriter(auth, item, (await this.departmentNames(siteId)).get(item.department_id) ?? '');
    await this.db.transaction().execute(async (trx) => {
      await repo.updateItem(trx, itemId, { status: 'active', withdrawn_at: null, updated_at: this.now() });
      await this.audit.record(trx, auth.actor, {
        action: 'services.item.restore',
        targetType: 'service_item',
        targetId: itemId,
        siteId,
      });
    });
    await this.changes.emit(siteId);
    return this.get(itemId);
  }

  /**
   * Imports checked rows (catalogue-xlsx.ts): new codes are created, known ones updated, all in one transaction;
   * status changes go through 取消 / 恢复 so a cancelled item's guide is withdrawn too.
   */
  async importRows(auth: AuthContext, siteId: number, rows: ImportedRow[]): Promise<ImportResult> {
    const names = await this.departmentNames(siteId);
    const existing = new Map((await repo.listItems(this.db, siteId, false)).map((r) => [r.code, r]));
    for (const r of rows) {
      assertItemWriter(
        auth,
        { site_id: siteId, department_id: r.input.departmentId },
        names.get(r.input.departmentId) ?? '',
      );
      const before = existing.get(r.input.code);
      if (before) assertItemWriter(auth, before, names.get(before.department_id) ?? '');
    }
    const result = { created: 0, updated: 0, unchanged: 0 };
    const at = this.now();
    await this.db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const fields = { ...this.fields(r.input), sort: r.input.sort ?? 0 };
        const before = existing.get(r.input.code);
        if (!before) {
          await repo.insertItem(trx, {
            ...fields,
            site_id: siteId,
            status: 'active',
            content_id: null,
            created_at: at,
            updated_at: at,
            withdrawn_at: null,
          });
          result.created++;
        } else if ((Object.keys(fields) as (keyof typeof fields)[]).some((k) => before[k] !== fields[k])) {
          await repo.updateItem(trx, before.id, { ...fields, updated_at: at });
          result.updated++;
        } else result.unchanged++;
      }
      await this.audit.record(trx, auth.actor, {
        action: 'services.catalogue.import',
        targetType: 'site',
        targetId: siteId,
        siteId,
        detail: { ...result, codes: rows.map((r) => r.input.code) },
      });
    });
    for (const r of rows) {
      const item = (await repo.findItemByCode(this.db, siteId, r.input.code))!;
      if (r.status === 'withdrawn' && item.status !== 'withdrawn')
        await this.withdraw(auth, siteId, item.id, '按导入的事项目录取消');
      if (r.status === 'active' && item.status === 'withdrawn') await this.restore(auth, siteId, item.id);
    }
    await this.changes.emit(siteId);
    return result;
  }

  // ───── registered numbers ─────

  async contacts(siteId: number): Promise<Static<typeof ContactsView>> {
    const departments = await this.departments.list(siteId);
    const rows = new Map((await repo.listContacts(this.db, siteId)).map((r) => [r.department_id, r]));
    return {
      departments: departments
        .filter((d) => d.mergedIntoId === null)
        .map((d) => {
          const r = rows.get(d.id);
          return {
            departmentId: d.id,
            departmentName: d.name,
            consult: r ? parseList(r.consult_phones) : [],
            complaint: r ? parseList(r.complaint_phones) : [],
            updatedAt: r?.updated_at ?? null,
          };
        }),
    };
  }

  async registeredNumbers(departmentId: number): Promise<{ consult: string[]; complaint: string[] }> {
    const r = await repo.findContacts(this.db, departmentId);
    return { consult: r ? parseList(r.consult_phones) : [], complaint: r ? parseList(r.complaint_phones) : [] };
  }

  async setContacts(
    auth: AuthContext,
    siteId: number,
    departmentId: number,
    input: { consult: string[]; complaint: string[] },
  ): Promise<void> {
    const names = await this.departmentNames(siteId);
    if (!names.has(departmentId)) throw new AppError('SERVICE_DEPARTMENT_INVALID');
    assertItemWriter(auth, { site_id: siteId, department_id: departmentId }, names.get(departmentId)!);
    const numbers = (list: string[]) => [...new Set(list.map((n) => n.trim()).filter(Boolean))];
    const consult = numbers(input.consult);
    const complaint = numbers(input.complaint);
    for (const n of [...consult, ...complaint])
      if (!parsePhone(n).valid) throw new AppError('SERVICE_PHONE_INVALID', { number: n });
    const before = await this.registeredNumbers(departmentId);
    await this.db.transaction().execute(async (trx) => {
      await repo.upsertContacts(trx, {
        department_id: departmentId,
        site_id: siteId,
        consult_phones: JSON.stringify(consult),
        complaint_phones: JSON.stringify(complaint),
        updated_at: this.now(),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'services.contacts.update',
        targetType: 'department',
        targetId: departmentId,
        siteId,
        detail: { before, after: { consult, complaint } },
      });
    });
  }

  // ───── vague words ─────

  async vagueWords(siteId: number): Promise<{ words: string[]; isDefault: boolean }> {
    const words = await readSetting<string[]>(this.db, vagueKey(siteId));
    return words ? { words, isDefault: false } : { words: [...DEFAULT_VAGUE_WORDS], isDefault: true };
  }

  async setVagueWords(
    auth: AuthContext,
    siteId: number,
    input: string[],
  ): Promise<{ words: string[]; isDefault: boolean }> {
    assertOnSite(auth, 'service.manage', siteId);
    const words = cleanWordList(input);
    const before = await this.vagueWords(siteId);
    await this.db.transaction().execute(async (trx) => {
      await writeSetting(trx, vagueKey(siteId), words, this.now());
      await this.audit.record(trx, auth.actor, {
        action: 'services.vague-words.update',
        targetType: 'site',
        targetId: siteId,
        siteId,
        detail: {
          added: words.filter((w) => !before.words.includes(w)),
          removed: before.words.filter((w) => !words.includes(w)),
        },
      });
    });
    return { words, isDefault: false };
  }

  // ───── themes (一件事) ─────

  async themes(siteId: number, publishedOnly = false): Promise<ThemeView[]> {
    return (await repo.listThemes(this.db, siteId, publishedOnly)).map(toThemeView);
  }

  async theme(themeId: number): Promise<ThemeView> {
    const row = await repo.findTheme(this.db, themeId);
    if (!row) throw new AppError('SERVICE_THEME_NOT_FOUND');
    return toThemeView(row);
  }

  private assertThemeEditor(auth: AuthContext, siteId: number) {
    if (!can(auth.grants, 'service.themes', siteId)) throw new AppError('FORBIDDEN');
  }

  private async checkTheme(siteId: number, input: ThemeInput, selfId: number | null): Promise<void> {
    const same = await repo.findThemeBySlug(this.db, siteId, input.slug);
    if (same && same.id !== selfId) throw new AppError('SERVICE_THEME_SLUG_TAKEN', { slug: input.slug });
    const items = await repo.itemsByIds(this.db, input.itemIds);
    if (items.length !== input.itemIds.length || items.some((i) => i.site_id !== siteId || i.status !== 'active'))
      throw new AppError('SERVICE_THEME_ITEMS');
    for (const step of input.flow)
      if (step.itemIds.some((id) => !input.itemIds.includes(id))) throw new AppError('SERVICE_THEME_ITEMS');
  }

  private themeFields(input: ThemeInput) {
    return {
      slug: input.slug,
      name: input.name.trim(),
      audience: input.audience,
      description: input.description.trim(),
      item_ids: JSON.stringify(input.itemIds),
      flow: JSON.stringify(input.flow),
      keywords: JSON.stringify([...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))]),
    };
  }

  async createTheme(auth: AuthContext, siteId: number, input: ThemeInput): Promise<ThemeView> {
    this.assertThemeEditor(auth, siteId);
    await this.checkTheme(siteId, input, null);
    const at = this.now();
    const id = await this.db.transaction().execute(async (trx) => {
      const newId = await repo.insertTheme(trx, {
        ...this.themeFields(input),
        site_id: siteId,
        status: 'draft',
        published_at: null,
        created_at: at,
        updated_at: at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'services.theme.create',
        targetType: 'service_theme',
        targetId: newId,
        siteId,
        detail: { after: input },
      });
      return newId;
    });
    return this.theme(id);
  }

  async updateTheme(auth: AuthContext, siteId: number, themeId: number, input: ThemeInput): Promise<ThemeView> {
    this.assertThemeEditor(auth, siteId);
    const before = await this.theme(themeId);
    if (before.siteId !== siteId) throw new AppError('SERVICE_THEME_NOT_FOUND');
    await this.checkTheme(siteId, input, themeId);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateTheme(trx, themeId, { ...this.themeFields(input), updated_at: this.now() });
      await this.audit.record(trx, auth.actor, {
        action: 'services.theme.update',
        targetType: 'service_theme',
        targetId: themeId,
        siteId,
        detail: { before, after: input },
      });
    });
    await this.changes.emit(siteId);
    return this.theme(themeId);
  }

  /** Publishes (or withdraws) a theme; publication time is the server's, set once. */
  async setThemePublished(auth: AuthContext, siteId: number, themeId: number, published: boolean): Promise<ThemeView> {
    this.assertThemeEditor(auth, siteId);
    const before = await this.theme(themeId);
    if (before.siteId !== siteId) throw new AppError('SERVICE_THEME_NOT_FOUND');
    const at = this.now();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateTheme(trx, themeId, {
        status: published ? 'published' : 'withdrawn',
        published_at: published ? (before.publishedAt ?? at) : before.publishedAt,
        updated_at: at,
      });
      await this.audit.record(trx, auth.actor, {
        action: published ? 'services.theme.publish' : 'services.theme.withdraw',
        targetType: 'service_theme',
        targetId: themeId,
        siteId,
      });
    });
    await this.changes.emit(siteId);
    return this.theme(themeId);
  }

  /** The items of a theme, in its order (those withdrawn since are left out). */
  async themeItems(theme: ThemeView): Promise<ServiceItemRow[]> {
    const rows = await repo.itemsByIds(this.db, theme.itemIds);
    return theme.itemIds
      .map((id) => rows.find((r) => r.id === id))
      .filter((r): r is ServiceItemRow => !!r && r.status === 'active');
  }
}
