// Online applications (在线申请) from the citizen's side: applying for an item marked 网办 with the materials its
// guide lists (uploads checked like every upload), a receipt number, one application per item for a 一件事 that
// fans out to the departments, supplementing after a 补正 notice, and the citizen's list and detail. Nothing the
// citizen submitted is lost: files are stored before the rows that name them, the rows and the idempotency key
// commit together, and a repeated submission returns the first.
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { ServiceApplicationRow, ServiceItemRow } from './services.tables.ts';
import type { Clock } from '../../platform/time.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { inspectUpload } from '../../platform/files/upload-policy.ts';
import type { Idempotency } from '../../platform/idempotency.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import type { CitizenContext } from '../citizens/citizen-auth.service.ts';
import type { CitizensModule } from '../citizens/citizens.module.ts';
import type { DutyService } from '../duty/duty.service.ts';
import * as repo from './applications.repository.ts';
import * as ratingsRepo from './ratings.repository.ts';
import type { ApplicationSummary } from './applications.schema.ts';
import { toSummary } from './applications.presenter.ts';
import { applicationClocks } from './application-clock.ts';
import type { CatalogueService } from './catalogue.service.ts';
import type { GuidesService, PublishedGuide } from './guides.service.ts';
import type { GuideMaterial } from './guide.ts';
import { parsePhone } from './phones.ts';
import type { ThemeView } from './catalogue.schema.ts';
import type { ServiceChanges } from './access.ts';

/** An uploaded material: the material it is for, the file name and its bytes. */
export interface Upload {
  material: string;
  filename: string;
  bytes: Buffer;
}

export interface ApplyInput {
  applicantName: string;
  contact: string;
  remark: string;
  idempotencyKey: string;
}

export const MAX_FILES = 30;

/** Material names compared without spaces and brackets' content (同一材料 in two guides of a 一件事). */
export const materialKey = (name: string) => name.replace(/[（(][^）)]*[）)]/g, '').replace(/\s+/g, '');
/** A material that can be sent online (not only on paper). */
export const isElectronic = (m: GuideMaterial) => m.medium !== '纸质';

const isUniqueViolation = (error: unknown) =>
  error instanceof Error &&
  /unique|duplicate key|SQLITE_CONSTRAINT/i.test(`${error.message} ${(error as { code?: string }).code ?? ''}`);

export class ApplicationsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly fileStore: FileStore,
    private readonly calendar: CalendarService,
    private readonly citizens: CitizensModule,
    private readonly idempotency: Idempotency,
    private readonly catalogue: CatalogueService,
    private readonly guides: GuidesService,
    private readonly duty: DutyService,
    private readonly changes: ServiceChanges,
  ) {}

  /** The item and its published guide, when citizens may apply for it online. */
  async applicable(itemId: number): Promise<{ item: ServiceItemRow; guide: PublishedGuide }> {
    const item = await this.catalogue.row(itemId);
    if (item.status !== 'active') throw new AppError('SERVICE_ITEM_NOT_FOUND');
    const guide = await this.guides.publishedOf(item);
    if (!guide?.data.online) throw new AppError('SERVICE_NOT_ONLINE');
    return { item, guide };
  }

  /** The merged, deduplicated materials of a theme's items (the 一件事 form asks for each once). */
  async themeMaterials(theme: ThemeView) {
    const items = await this.catalogue.themeItems(theme);
    const guides: { item: ServiceItemRow; guide: PublishedGuide }[] = [];
    for (const item of items) guides.push(await this.applicable(item.id));
    const merged = new Map<string, { material: GuideMaterial; itemIds: number[] }>();
    for (const { item, guide } of guides)
      for (const m of guide.data.materials) {
        const key = materialKey(m.name);
        const seen = merged.get(key);
        if (seen) {
          seen.itemIds.push(item.id);
          seen.material = { ...seen.material, required: seen.material.required || m.required };
        } else merged.set(key, { material: m, itemIds: [item.id] });
      }
    return { guides, materials: [...merged.values()] };
  }

  private validApplicant(c: CitizenContext, input: ApplyInput) {
    const name = input.applicantName.trim() || c.displayName;
    if (name.length < 2 || name.length > 100)
      throw new AppError('SERVICE_NOTE_REQUIRED', { what: '申请人（2 至 100 个字）' });
    const contact = input.contact.trim();
    if (!parsePhone(contact).valid) throw new AppError('SERVICE_CONTACT_INVALID');
    if (input.remark.length > 2000) throw new AppError('SERVICE_NOTE_REQUIRED', { what: '不超过 2000 字的申请说明' });
    return { name, contact, remark: input.remark.trim() };
  }

  /** Checks every upload (type from the bytes) and that the required electronic materials are there. */
  private async checkUploads(materials: GuideMaterial[], uploads: Upload[], requireAll: boolean) {
    if (uploads.length > MAX_FILES)
      throw new AppError('SERVICE_UPLOAD_REFUSED', { name: '', reason: `一次最多上传 ${MAX_FILES} 个文件` });
    const known = new Map(materials.map((m) => [materialKey(m.name), m]));
    const checked: (Upload & { mime: string; name: string })[] = [];
    for (const u of uploads) {
      const m = known.get(materialKey(u.material));
      if (!m)
        throw new AppError('SERVICE_UPLOAD_REFUSED', {
          name: u.filename,
          reason: `办事指南中没有“${u.material}”这项材料`,
        });
      const verdict = await inspectUpload(u.bytes, u.filename);
      if ('refused' in verdict)
        throw new AppError('SERVICE_UPLOAD_REFUSED', { name: u.filename, reason: verdict.refused });
      checked.push({ ...u, material: m.name, mime: verdict.mime, name: verdict.name });
    }
    if (requireAll) {
      const missing = materials.filter(
        (m) => m.required && isElectronic(m) && !checked.some((u) => materialKey(u.material) === materialKey(m.name)),
      );
      if (missing.length)
        throw new AppError('SERVICE_MATERIAL_MISSING', { names: missing.map((m) => m.name).join('、') });
    }
    return checked;
  }

  private async store(files: (Upload & { mime: string; name: string })[]) {
    const stored = [];
    for (const f of files) stored.push({ ...f, ...(await this.fileStore.put(f.bytes)) });
    return stored;
  }

  private async nextReceipt(
    trx: Transaction<Database>,
    table: 'service_applications' | 'service_bundles',
    siteId: number,
    at: string,
  ) {
    const base = `${table === 'service_bundles' ? 'YJS' : 'BJ'}${shanghaiDate(at).replace(/-/g, '')}`;
    return `${base}${String((await repo.countReceipts(trx, table, siteId, base)) + 1).padStart(4, '0')}`;
  }

  /** Retries a creation whose receipt number another node took at the same moment. */
  private async withReceiptRetry<T>(create: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await create();
      } catch (error) {
        if (attempt >= 5 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  private async insertOne(
    trx: Transaction<Database>,
    c: CitizenContext,
    item: ServiceItemRow,
    guide: PublishedGuide,
    applicant: { name: string; contactEnc: string; remark: string },
    files: (Upload & { key: string; sha256: string; size: number; mime: string; name: string })[],
    at: string,
    bundleId: number | null,
  ) {
    const receiptNo = await this.nextReceipt(trx, 'service_applications', item.site_id, at);
    const id = await repo.insertApplication(trx, {
      site_id: item.site_id,
      item_id: item.id,
      bundle_id: bundleId,
      receipt_no: receiptNo,
      citizen_id: c.citizenId,
      department_id: item.department_id,
      applicant_name: applicant.name,
      applicant_kind: c.accountType,
      contact_enc: applicant.contactEnc,
      remark: applicant.remark,
      state: 'submitted',
      promised_days: guide.data.promisedDays,
      statutory_days: guide.data.statutoryDays,
      guide_version: guide.version,
      submitted_at: at,
      accepted_at: null,
      completed_at: null,
      outcome: null,
      reminded_on: null,
      escalated_at: null,
      updated_at: at,
    });
    const own = new Set(guide.data.materials.map((m) => materialKey(m.name)));
    for (const f of files.filter((x) => own.has(materialKey(x.material))))
      await repo.insertFile(trx, {
        application_id: id,
        material: f.material,
        round: 0,
        original_name: f.name,
        mime: f.mime,
        size: f.size,
        sha256: f.sha256,
        storage_key: f.key,
        uploaded_at: at,
      });
    await repo.insertEvent(trx, {
      application_id: id,
      action: 'submit',
      from_state: null,
      to_state: 'submitted',
      note: applicant.remark,
      detail: JSON.stringify({ files: files.length }),
      actor_kind: 'citizen',
      actor_id: c.citizenId,
      actor_name: applicant.name,
      at,
    });
    await this.duty.notifyOnce(trx, {
      site_id: item.site_id,
      user_id: null,
      department_id: item.department_id,
      kind: 'services-new',
      dedupe_key: `services-app:${id}:submitted`,
      title: `新办件待受理：${item.name}`,
      body: `受理编号 ${receiptNo}，申请人 ${applicant.name}。请在 5 个工作日内受理、不予受理或一次性告知需要补正的全部内容。`,
      link: `/admin/services/applications/${id}`,
      created_at: at,
    });
    await this.audit.record(trx, c.actor, {
      action: 'services.application.submit',
      targetType: 'service_application',
      targetId: id,
      siteId: item.site_id,
      detail: { receiptNo, itemId: item.id, files: files.length, bundleId },
    });
    return { id, receiptNo };
  }

  /** Applies for one item; a repeat of the same form (idempotency key) returns the first application. */
  async apply(c: CitizenContext, itemId: number, input: ApplyInput, uploads: Upload[]) {
    const { item, guide } = await this.applicable(itemId);
    const applicant = this.validApplicant(c, input);
    const files = await this.store(await this.checkUploads(guide.data.materials, uploads, true));
    const contactEnc = (await this.citizens.keys.cipher()).encrypt(applicant.contact);
    const at = this.clock.now().toISOString();
    const { result } = await this.withReceiptRetry(() =>
      this.idempotency.run('services.apply', `citizen:${c.citizenId}`, input.idempotencyKey, (trx) =>
        this.insertOne(trx, c, item, guide, { ...applicant, contactEnc }, files, at, null),
      ),
    );
    await this.changes.emit(item.site_id);
    return result;
  }

  /** One 一件事 application: a bundle with its own receipt, one application per item to its department. */
  async applyTheme(c: CitizenContext, theme: ThemeView, input: ApplyInput, uploads: Upload[]) {
    if (theme.status !== 'published') throw new AppError('SERVICE_THEME_NOT_FOUND');
    const { guides, materials } = await this.themeMaterials(theme);
    const applicant = this.validApplicant(c, input);
    const files = await this.store(
      await this.checkUploads(
        materials.map((m) => m.material),
        uploads,
        true,
      ),
    );
    const contactEnc = (await this.citizens.keys.cipher()).encrypt(applicant.contact);
    const at = this.clock.now().toISOString();
    const { result } = await this.withReceiptRetry(() =>
      this.idempotency.run('services.apply-theme', `citizen:${c.citizenId}`, input.idempotencyKey, async (trx) => {
        const receiptNo = await this.nextReceipt(trx, 'service_bundles', theme.siteId, at);
        const bundleId = await repo.insertBundle(trx, {
          site_id: theme.siteId,
          theme_id: theme.id,
          citizen_id: c.citizenId,
          receipt_no: receiptNo,
          submitted_at: at,
        });
        const applications = [];
        for (const { item, guide } of guides)
          applications.push(
            await this.insertOne(trx, c, item, guide, { ...applicant, contactEnc }, files, at, bundleId),
          );
        return { bundleId, receiptNo, applications };
      }),
    );
    await this.changes.emit(theme.siteId);
    return result;
  }

  /** The applicant supplements after a 补正 notice: the files asked for, and the application goes back to 已提交. */
  async supplement(c: CitizenContext, applicationId: number, note: string, uploads: Upload[]) {
    const app = await this.own(c.citizenId, applicationId);
    if (app.state !== 'correction')
      throw new AppError('SERVICE_STATE_CONFLICT', { state: '需补正以外', action: '补正' });
    const item = await this.catalogue.row(app.item_id);
    const guide = await this.guides.publishedOf(item);
    const materials = guide?.data.materials ?? [];
    if (uploads.length === 0 && !note.trim()) throw new AppError('SERVICE_NOTE_REQUIRED', { what: '补正的材料或说明' });
    const files = await this.store(await this.checkUploads(materials, uploads, false));
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.transition(trx, app.id, 'correction', { state: 'submitted', updated_at: at })))
        throw new AppError('SERVICE_STATE_CONFLICT', { state: '已变更', action: '补正' });
      for (const f of files)
        await repo.insertFile(trx, {
          application_id: app.id,
          material: f.material,
          round: 1,
          original_name: f.name,
          mime: f.mime,
          size: f.size,
          sha256: f.sha256,
          storage_key: f.key,
          uploaded_at: at,
        });
      await repo.insertEvent(trx, {
        application_id: app.id,
        action: 'supplement',
        from_state: 'correction',
        to_state: 'submitted',
        note: note.trim(),
        detail: JSON.stringify({ files: files.map((f) => f.material) }),
        actor_kind: 'citizen',
        actor_id: c.citizenId,
        actor_name: app.applicant_name,
        at,
      });
      await this.duty.notifyOnce(trx, {
        site_id: app.site_id,
        user_id: null,
        department_id: app.department_id,
        kind: 'services-new',
        dedupe_key: `services-app:${app.id}:supplemented`,
        title: `补正材料已提交：${item.name}`,
        body: `受理编号 ${app.receipt_no} 的申请人已补正材料，请及时受理。`,
        link: `/admin/services/applications/${app.id}`,
        created_at: at,
      });
      await this.audit.record(trx, c.actor, {
        action: 'services.application.supplement',
        targetType: 'service_application',
        targetId: app.id,
        siteId: app.site_id,
        detail: { files: files.length },
      });
    });
  }

  /** An application of this citizen (another citizen's is “not found”, never “forbidden”). */
  async own(citizenId: number, applicationId: number): Promise<ServiceApplicationRow> {
    const app = await repo.findApplication(this.db, applicationId);
    if (!app || app.citizen_id !== citizenId) throw new AppError('SERVICE_APPLICATION_NOT_FOUND');
    return app;
  }

  /** Summaries with names, bundles, clocks and ratings, computed on the calendar of the moment. */
  async summaries(rows: ServiceApplicationRow[]): Promise<ApplicationSummary[]> {
    if (rows.length === 0) return [];
    const calendar = await this.calendar.calendar();
    const now = this.clock.now();
    const items = new Map(
      (await this.catalogue.itemRows([...new Set(rows.map((r) => r.item_id))])).map((i) => [i.id, i]),
    );
    const names = new Map<number, Map<number, string>>();
    for (const siteId of new Set(rows.map((r) => r.site_id)))
      names.set(siteId, await this.catalogue.departmentNames(siteId));
    const events = await repo.eventsOf(
      this.db,
      rows.map((r) => r.id),
    );
    const bundles = new Map(
      (
        await repo.bundlesByIds(
          this.db,
          rows.map((r) => r.bundle_id).filter((b): b is number => b !== null),
        )
      ).map((b) => [b.id, b]),
    );
    const ratings = new Map(
      (
        await ratingsRepo.ratingsOf(
          this.db,
          rows.map((r) => r.id),
        )
      ).map((r) => [r.application_id, r]),
    );
    return rows.map((app) =>
      toSummary(app, {
        itemName: items.get(app.item_id)?.name ?? '',
        itemCode: items.get(app.item_id)?.code ?? '',
        departmentName: names.get(app.site_id)?.get(app.department_id) ?? '',
        bundleReceiptNo: app.bundle_id ? (bundles.get(app.bundle_id)?.receipt_no ?? null) : null,
        clocks: applicationClocks(
          calendar,
          app,
          events.filter((e) => e.application_id === app.id),
          now,
        ),
        ratingLevel: ratings.get(app.id)?.level ?? null,
      }),
    );
  }

  async ofCitizen(citizenId: number): Promise<ApplicationSummary[]> {
    return this.summaries(await repo.applicationsOfCitizen(this.db, citizenId));
  }

  /** A file of an application, for its applicant or the handling staff (the caller checks who asks). */
  async file(applicationId: number, fileId: number) {
    const f = await repo.findFile(this.db, fileId);
    if (!f || f.application_id !== applicationId) throw new AppError('NOT_FOUND');
    return { meta: f, bytes: await this.fileStore.read(f.storage_key) };
  }
}
