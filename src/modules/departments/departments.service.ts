import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './departments.repository.ts';
import { toDepartmentView } from './departments.presenter.ts';
import type { DepartmentView } from './departments.schema.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { UsersService } from '../users/users.service.ts';

export class DepartmentsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly columns: ColumnsService,
    private readonly users: UsersService,
  ) {}

  async list(siteId: number): Promise<DepartmentView[]> {
    return (await repo.listDepartments(this.db, siteId)).map(toDepartmentView);
  }

  async get(id: number): Promise<DepartmentView> {
    const d = await repo.findDepartment(this.db, id);
    if (!d) throw new AppError('DEPARTMENT_NOT_FOUND');
    return toDepartmentView(d);
  }

  /**
   * The id of the department called `name` on the site, created (with no audit record of its own) inside the
   * caller's transaction when there is none yet: how a column table such as 附件1 brings its departments.
   */
  async ensureNamed(trx: Db, siteId: number, name: string, sort: number, at: string): Promise<number> {
    return (await repo.findByName(trx, siteId, name))?.id ?? repo.insertDepartment(trx, siteId, name, [], sort, at);
  }

  async create(actor: Actor, siteId: number, name: string, aliases: string[] = []): Promise<DepartmentView> {
    const id = await this.db.transaction().execute(async (trx) => {
      if (await repo.findByName(trx, siteId, name.trim())) throw new AppError('DEPARTMENT_EXISTS', { name });
      const all = await repo.listDepartments(trx, siteId);
      const newId = await repo.insertDepartment(
        trx,
        siteId,
        name.trim(),
        aliases,
        all.length,
        this.clock.now().toISOString(),
      );
      await this.audit.record(trx, actor, {
        action: 'department.create',
        targetType: 'department',
        targetId: newId,
        siteId,
        detail: { after: { name, aliases } },
      });
      return newId;
    });
    return this.get(id);
  }

  async update(
    actor: Actor,
    id: number,
    input: { name: string; aliases: string[]; sort?: number },
  ): Promise<DepartmentView> {
    const before = await this.get(id);
    await this.db.transaction().execute(async (trx) => {
      const clash = await repo.findByName(trx, before.siteId, input.name.trim());
      if (clash && clash.id !== id) throw new AppError('DEPARTMENT_EXISTS', { name: input.name });
      await repo.updateDepartment(trx, id, {
        name: input.name.trim(),
        aliases: JSON.stringify(input.aliases),
        ...(input.sort === undefined ? {} : { sort: input.sort }),
      });
      await this.audit.record(trx, actor, {
        action: 'department.update',
        targetType: 'department',
        targetId: id,
        siteId: before.siteId,
        detail: { before, after: input },
      });
    });
    return this.get(id);
  }

  /** 法规处 → 政策法规处: the merged department's name becomes an alias, and its columns and staff move over. */
  async merge(actor: Actor, id: number, intoId: number): Promise<DepartmentView> {
    if (id === intoId) throw new AppError('DEPARTMENT_MERGE_SELF');
    const from = await this.get(id);
    const into = await this.get(intoId);
    if (from.siteId !== into.siteId) throw new AppError('DEPARTMENT_MERGE_OTHER_SITE');
    if (from.mergedIntoId !== null || into.mergedIntoId !== null) throw new AppError('DEPARTMENT_ALREADY_MERGED');
    await this.db.transaction().execute(async (trx) => {
      const aliases = [...new Set([...into.aliases, from.name, ...from.aliases])];
      await repo.updateDepartment(trx, intoId, { aliases: JSON.stringify(aliases) });
      await repo.updateDepartment(trx, id, { merged_into_id: intoId });
      // The columns it answers for and its staff move over, each through the module that owns them.
      await this.columns.reassignDepartment(trx, id, intoId);
      await this.users.reassignDepartment(trx, id, intoId);
      await this.audit.record(trx, actor, {
        action: 'department.merge',
        targetType: 'department',
        targetId: id,
        siteId: from.siteId,
        detail: { from: from.name, into: into.name },
      });
    });
    return this.get(intoId);
  }
}
