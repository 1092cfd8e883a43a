import type { Db } from '../../platform/db/database.ts';
import type { Column } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { ChangeListeners, type ChangeListener } from '../../platform/listeners.ts';
import * as repo from './columns.repository.ts';
import * as departmentsRepo from '../departments/departments.repository.ts';
import { COLUMN_KINDS, COLUMN_KIND_VALUES, COLUMN_TYPES } from './column-types.ts';
import { buildColumnTree, type ColumnTree } from './columns.presenter.ts';
import type { ColumnCreate, ColumnNode, ColumnTypesView, ColumnUpdate } from './columns.schema.ts';

export type { ColumnTree } from './columns.presenter.ts';

/** Listeners of a column tree's changes get the site's id. */
export type ColumnChangeListener = ChangeListener<number>;

const flag = (b: boolean) => (b ? (1 as const) : (0 as const));

function markerFor(days: number | null): string | null {
  if (days === 14) return '*';
  if (days === 183) return '★';
  return null;
}

export class ColumnsService {
  private readonly changes = new ChangeListeners<number>();
  private contentCounter: repo.ContentCounter = async () => new Map();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  onChange(listener: ColumnChangeListener): () => void {
    return this.changes.subscribe(listener);
  }

  /** The content module tells how many items each column holds (a column with content cannot be deleted). */
  setContentCounter(counter: repo.ContentCounter): void {
    this.contentCounter = counter;
  }

  private async changed(siteId: number): Promise<void> {
    await this.changes.emit(siteId);
  }

  /** The column types and forms staff choose from. */
  types(): ColumnTypesView {
    return {
      items: COLUMN_TYPES.map((t) => ({ value: t, label: t })),
      kinds: COLUMN_KIND_VALUES.map((value) => ({ value, label: COLUMN_KINDS[value] })),
    };
  }

  async tree(siteId: number): Promise<ColumnTree> {
    const [columns, cooperators, departments, contentCounts] = await Promise.all([
      repo.listColumns(this.db, siteId),
      repo.cooperatorsBySite(this.db, siteId),
      departmentsRepo.listDepartments(this.db, siteId),
      this.contentCounter(this.db, siteId),
    ]);
    return buildColumnTree({ columns, cooperators, departments, contentCounts });
  }

  async get(id: number): Promise<ColumnNode> {
    const row = await repo.findColumn(this.db, id);
    if (!row) throw new AppError('COLUMN_NOT_FOUND');
    return (await this.tree(row.site_id)).byId.get(id)!;
  }

  async siteOf(id: number): Promise<number> {
    const row = await repo.findColumn(this.db, id);
    if (!row) throw new AppError('COLUMN_NOT_FOUND');
    return row.site_id;
  }

  private async checkReferences(
    siteId: number,
    input: ColumnUpdate,
    parentId: number | null,
    selfId: number | null,
  ): Promise<void> {
    const departments = await departmentsRepo.listDepartments(this.db, siteId);
    const known = new Set(departments.map((d) => d.id));
    const unknown = [input.leadDepartmentId, ...input.cooperatingDepartmentIds].filter(
      (id) => id !== null && !known.has(id),
    );
    if (unknown.length) throw new AppError('COLUMN_DEPARTMENT_NOT_ON_SITE');
    const siblings = await repo.children(this.db, siteId, parentId);
    if (siblings.some((s) => s.slug === input.slug && s.id !== selfId)) throw new AppError('SLUG_TAKEN');
    if (input.kind === 'link' && !input.linkUrl) throw new AppError('COLUMN_LINK_REQUIRED');
  }

  private fields(input: ColumnUpdate) {
    return {
      name: input.name.trim(),
      full_name: input.fullName?.trim() || null,
      slug: input.slug,
      column_type: input.columnType,
      kind: input.kind,
      link_url: input.kind === 'link' ? (input.linkUrl ?? null) : null,
      description: input.description.trim(),
      keywords: input.keywords.trim(),
      visible: flag(input.visible),
      lead_department_id: input.leadDepartmentId,
      open_cooperation: flag(input.openCooperation),
      max_update_days: input.maxUpdateDays,
      marker: markerFor(input.maxUpdateDays),
    };
  }

  async create(actor: Actor, siteId: number, input: ColumnCreate): Promise<ColumnNode> {
    if (input.parentId !== null) {
      const parent = await repo.findColumn(this.db, input.parentId);
      if (!parent || parent.site_id !== siteId) throw new AppError('PARENT_COLUMN_NOT_FOUND');
    }
    await this.checkReferences(siteId, input, input.parentId, null);
    const at = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      const siblings = await repo.children(trx, siteId, input.parentId);
      const newId = await repo.insertColumn(trx, {
        ...this.fields(input),
        site_id: siteId,
        parent_id: input.parentId,
        sort: siblings.length ? Math.max(...siblings.map((s) => s.sort)) + 1 : 0,
        created_at: at,
        updated_at: at,
      });
      await repo.replaceCooperators(trx, newId, [...new Set(input.cooperatingDepartmentIds)]);
      await this.audit.record(trx, actor, {
        action: 'column.create',
        targetType: 'column',
        targetId: newId,
        siteId,
        detail: { after: input },
      });
      return newId;
    });
    await this.changed(siteId);
    return this.get(id);
  }

  async update(actor: Actor, id: number, input: ColumnUpdate): Promise<ColumnNode> {
    const before = await this.get(id);
    await this.checkReferences(before.siteId, input, before.parentId, id);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateColumn(trx, id, { ...this.fields(input), updated_at: this.clock.now().toISOString() });
      await repo.replaceCooperators(trx, id, [...new Set(input.cooperatingDepartmentIds)]);
      const { children: _c, ...beforeFlat } = before;
      await this.audit.record(trx, actor, {
        action: 'column.update',
        targetType: 'column',
        targetId: id,
        siteId: before.siteId,
        detail: { before: beforeFlat, after: input },
      });
    });
    await this.changed(before.siteId);
    return this.get(id);
  }

  /** Reorders and reparents: the column lands at `index` among the new parent's children. */
  async move(actor: Actor, id: number, parentId: number | null, index: number): Promise<void> {
    const column = await repo.findColumn(this.db, id);
    if (!column) throw new AppError('COLUMN_NOT_FOUND');
    const tree = await this.tree(column.site_id);
    if (parentId !== null) {
      const parent = tree.byId.get(parentId);
      if (!parent) throw new AppError('PARENT_COLUMN_NOT_FOUND');
      for (let p: ColumnNode | undefined = parent; p; p = p.parentId === null ? undefined : tree.byId.get(p.parentId)) {
        if (p.id === id) throw new AppError('COLUMN_CYCLE');
      }
    }
    await this.db.transaction().execute(async (trx) => {
      const siblings = (await repo.children(trx, column.site_id, parentId)).filter((s) => s.id !== id);
      if (siblings.some((s) => s.slug === column.slug)) throw new AppError('SLUG_TAKEN');
      const ordered: Pick<Column, 'id'>[] = [...siblings];
      ordered.splice(Math.min(index, ordered.length), 0, { id });
      const at = this.clock.now().toISOString();
      for (const [sort, s] of ordered.entries()) {
        await repo.updateColumn(trx, s.id, s.id === id ? { parent_id: parentId, sort, updated_at: at } : { sort });
      }
      await this.audit.record(trx, actor, {
        action: 'column.move',
        targetType: 'column',
        targetId: id,
        siteId: column.site_id,
        detail: { before: { parentId: column.parent_id, sort: column.sort }, after: { parentId, index } },
      });
    });
    await this.changed(column.site_id);
  }

  async remove(actor: Actor, id: number): Promise<void> {
    const node = await this.get(id);
    if (node.children.length > 0 || node.contentCount > 0) throw new AppError('COLUMN_NOT_EMPTY');
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteColumn(trx, id);
      const { children: _c, ...beforeFlat } = node;
      await this.audit.record(trx, actor, {
        action: 'column.delete',
        targetType: 'column',
        targetId: id,
        siteId: node.siteId,
        detail: { before: beforeFlat },
      });
    });
    await this.changed(node.siteId);
  }

  /**
   * Inside a department merge's transaction: the columns the merged department leads or cooperates on pass to
   * the department it was merged into.
   */
  async reassignDepartment(trx: Db, fromId: number, toId: number): Promise<void> {
    await repo.reassignDepartment(trx, fromId, toId);
  }
}
