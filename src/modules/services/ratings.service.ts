// 好差评 (服务功能): after an application is completed its applicant rates it once on the national five levels
// (非常满意 … 非常不满意) with an optional comment. A 差评 (不满意, 非常不满意) opens a rectification task for the
// department with a deadline in working days, tracked through 整改 and then 回访 of the applicant
// (国办发〔2019〕51号: 差评 are verified, rectified and fed back, 实名差评回访 100%).
import type { Db } from '../../platform/db/database.ts';
import type { ServiceRatingRow, ServiceRectificationRow } from './services.tables.ts';
import type { Clock } from '../../platform/time.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { CitizenContext } from '../citizens/citizen-auth.service.ts';
import type { DutyService } from '../duty/duty.service.ts';
import * as appRepo from './applications.repository.ts';
import * as repo from './ratings.repository.ts';
import type { RectificationView } from './applications.schema.ts';
import { toRatingView, toRectificationView } from './applications.presenter.ts';
import type { CatalogueService } from './catalogue.service.ts';
import { assertHandler, departmentScope, type ServiceChanges } from './access.ts';
import {
  isBadRating,
  levelName,
  RATING_LEVELS,
  RECTIFICATION_STATE_NAMES,
  RECTIFICATION_WORKING_DAYS,
  type RectificationState,
  type RevisitResult,
} from './service-types.ts';

export class RatingsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    private readonly duty: DutyService,
    private readonly changes: ServiceChanges,
  ) {}

  /** The applicant rates a completed application, once; a 差评 opens its rectification in the same transaction. */
  async rate(c: CitizenContext, applicationId: number, level: number, comment: string) {
    const app = await appRepo.findApplication(this.db, applicationId);
    if (!app || app.citizen_id !== c.citizenId) throw new AppError('SERVICE_APPLICATION_NOT_FOUND');
    if (app.state !== 'completed') throw new AppError('SERVICE_RATING_NOT_ALLOWED');
    if (!RATING_LEVELS.some((l) => l.level === level)) throw new AppError('SERVICE_RATING_LEVEL');
    if (comment.length > 1000) throw new AppError('SERVICE_NOTE_REQUIRED', { what: '不超过 1000 字的评价' });
    if (await repo.ratingOf(this.db, app.id)) throw new AppError('SERVICE_RATING_EXISTS');
    const at = this.clock.now().toISOString();
    const due = isBadRating(level)
      ? (await this.calendar.addWorkingDays(shanghaiDate(at), RECTIFICATION_WORKING_DAYS)).date
      : null;
    const item = await this.catalogue.row(app.item_id);
    const ratingId = await this.db.transaction().execute(async (trx) => {
      if (await repo.ratingOf(trx, app.id)) throw new AppError('SERVICE_RATING_EXISTS');
      const id = await repo.insertRating(trx, {
        application_id: app.id,
        site_id: app.site_id,
        item_id: app.item_id,
        department_id: app.department_id,
        citizen_id: c.citizenId,
        level,
        comment: comment.trim(),
        rated_at: at,
      });
      if (due) {
        const rectificationId = await repo.insertRectification(trx, {
          rating_id: id,
          site_id: app.site_id,
          department_id: app.department_id,
          state: 'open',
          due_on: due,
          measures: '',
          rectified_at: null,
          rectified_by: null,
          revisit_result: null,
          revisit_note: '',
          revisited_at: null,
          revisited_by: null,
          created_at: at,
        });
        await this.duty.notifyOnce(trx, {
          site_id: app.site_id,
          user_id: null,
          department_id: app.department_id,
          kind: 'services-bad-rating',
          dedupe_key: `services-rectify:${rectificationId}:open`,
          title: `差评待整改：${item.name}`,
          body: `受理编号 ${app.receipt_no} 的申请人评价“${levelName(level)}”：${comment.trim() || '（未填写意见）'}。请于 ${due} 前整改并回访申请人。`,
          link: `/admin/services/ratings?rectification=${rectificationId}`,
          created_at: at,
        });
      }
      await this.audit.record(trx, c.actor, {
        action: 'services.rating.create',
        targetType: 'service_application',
        targetId: app.id,
        siteId: app.site_id,
        detail: { level, rectificationDue: due },
      });
      return id;
    });
    await this.changes.emit(app.site_id);
    return ratingId;
  }

  private async views(rows: ServiceRectificationRow[]): Promise<RectificationView[]> {
    if (rows.length === 0) return [];
    const ratings = new Map(
      (
        await repo.ratingsByIds(
          this.db,
          rows.map((r) => r.rating_id),
        )
      ).map((r) => [r.id, r]),
    );
    const apps = new Map<number, Awaited<ReturnType<typeof appRepo.findApplication>>>();
    for (const r of ratings.values())
      apps.set(r.application_id, await appRepo.findApplication(this.db, r.application_id));
    const items = new Map(
      (await this.catalogue.itemRows([...new Set([...ratings.values()].map((r) => r.item_id))])).map((i) => [i.id, i]),
    );
    const names = await this.catalogue.departmentNames(rows[0].site_id);
    const today = shanghaiDate(this.clock.now());
    return rows.map((r) => {
      const rating = ratings.get(r.rating_id)!;
      const app = apps.get(rating.application_id)!;
      return toRectificationView(r, {
        rating,
        departmentName: names.get(r.department_id) ?? '',
        application: { id: app.id, receiptNo: app.receipt_no, itemName: items.get(rating.item_id)?.name ?? '' },
        today,
      });
    });
  }

  async rectificationViewOf(rating: ServiceRatingRow): Promise<RectificationView | null> {
    const r = await repo.rectificationOfRating(this.db, rating.id);
    return r ? (await this.views([r]))[0] : null;
  }

  async rectifications(auth: AuthContext, siteId: number, states?: string[]): Promise<RectificationView[]> {
    return this.views(await repo.listRectifications(this.db, siteId, departmentScope(auth, siteId), states));
  }

  private async loadRectification(auth: AuthContext, siteId: number, id: number) {
    const r = await repo.findRectification(this.db, id);
    if (!r || r.site_id !== siteId) throw new AppError('SERVICE_RECTIFICATION_NOT_FOUND');
    assertHandler(auth, r, (await this.catalogue.departmentNames(siteId)).get(r.department_id) ?? '');
    return r;
  }

  private conflict(r: ServiceRectificationRow, action: string): never {
    throw new AppError('SERVICE_RECTIFICATION_STATE', {
      state: RECTIFICATION_STATE_NAMES[r.state as RectificationState] ?? r.state,
      action,
    });
  }

  /** 整改: the department records what it did about the 差评. */
  async rectify(auth: AuthContext, siteId: number, id: number, measures: string): Promise<RectificationView> {
    const r = await this.loadRectification(auth, siteId, id);
    if (r.state !== 'open') this.conflict(r, '登记整改');
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const moved = await repo.moveRectification(trx, id, 'open', {
        state: 'rectified',
        measures: measures.trim(),
        rectified_at: at,
        rectified_by: auth.displayName,
      });
      if (!moved) this.conflict(r, '登记整改');
      await this.duty.dropNotices(trx, siteId, `services-rectify:${id}:`);
      await this.audit.record(trx, auth.actor, {
        action: 'services.rectification.rectify',
        targetType: 'service_rectification',
        targetId: id,
        siteId,
        detail: { measures: measures.trim() },
      });
    });
    await this.changes.emit(siteId);
    return (await this.views([(await repo.findRectification(this.db, id))!]))[0];
  }

  /** 回访: the applicant is asked whether the rectification answered the 差评. */
  async revisit(auth: AuthContext, siteId: number, id: number, result: RevisitResult, note: string) {
    const r = await this.loadRectification(auth, siteId, id);
    if (r.state !== 'rectified') this.conflict(r, '登记回访');
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const moved = await repo.moveRectification(trx, id, 'rectified', {
        state: 'revisited',
        revisit_result: result,
        revisit_note: note.trim(),
        revisited_at: at,
        revisited_by: auth.displayName,
      });
      if (!moved) this.conflict(r, '登记回访');
      await this.audit.record(trx, auth.actor, {
        action: 'services.rectification.revisit',
        targetType: 'service_rectification',
        targetId: id,
        siteId,
        detail: { result, note: note.trim() },
      });
    });
    await this.changes.emit(siteId);
    return (await this.views([(await repo.findRectification(this.db, id))!]))[0];
  }

  /** The console's list of ratings since a date, with the share of each level. */
  async overview(auth: AuthContext, siteId: number, from: string) {
    const rows = await repo.ratingsSince(this.db, siteId, from, departmentScope(auth, siteId));
    const apps = new Map<number, { receiptNo: string }>();
    for (const r of rows) {
      const a = await appRepo.findApplication(this.db, r.application_id);
      if (a) apps.set(r.application_id, { receiptNo: a.receipt_no });
    }
    const items = new Map(
      (await this.catalogue.itemRows([...new Set(rows.map((r) => r.item_id))])).map((i) => [i.id, i.name]),
    );
    const names = await this.catalogue.departmentNames(siteId);
    return {
      ratings: rows.map((r) => ({
        ...toRatingView(r),
        receiptNo: apps.get(r.application_id)?.receiptNo ?? '',
        itemName: items.get(r.item_id) ?? '',
        departmentName: names.get(r.department_id) ?? '',
      })),
      shares: RATING_LEVELS.map((l) => ({
        level: l.level,
        name: l.name,
        count: rows.filter((r) => r.level === l.level).length,
      })),
    };
  }
}
