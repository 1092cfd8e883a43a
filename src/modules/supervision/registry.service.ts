// 全面监管: the registry of every government website and 政务新媒体 account an office supervises — hosted here or
// external — with their status history (运行, 关停, 整合, 迁移中), XLSX import and export, and the office's own
// settings. The sites of this installation are registered automatically, since each unregistered site costs a point.
import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { SYSTEM_ACTOR, type Actor, type AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { SitesService } from '../sites/sites.service.ts';
import * as repo from './supervision.repository.ts';
import type { Executor, RegistryRow } from './supervision.repository.ts';
import {
  PLATFORMS,
  REGISTRY_STATUSES,
  SITE_TYPES,
  type OfficeUpdate,
  type OfficeView,
  type RegistryEntryView,
  type RegistryInput,
  type RegistryKind,
} from './supervision.schema.ts';

const json = <T>(text: string | null, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);

export function toEntryView(r: RegistryRow): RegistryEntryView {
  return {
    id: r.id,
    ownerSiteId: r.owner_site_id,
    kind: r.kind as RegistryKind,
    name: r.name,
    siteCode: r.site_code,
    domains: json<string[]>(r.domains, []),
    url: r.url,
    department: r.department,
    contactUserId: r.contact_user_id,
    hosting: r.hosting as RegistryEntryView['hosting'],
    hostedSiteId: r.hosted_site_id,
    siteType: r.site_type,
    platform: r.platform,
    accountId: r.account_id,
    feedUrl: r.feed_url,
    appUrl: r.app_url,
    status: r.status as RegistryEntryView['status'],
    openedOn: r.opened_on,
    statusSince: r.status_since,
    parentId: r.parent_id,
    inventory: json<string[]>(r.inventory, []),
    note: r.note,
    updatedAt: r.updated_at,
  };
}

/** The host of a URL, lower case, without port: what registered domains are compared by. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export class RegistryService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sites: SitesService,
  ) {}

  // ───────────────────────────── the office ─────────────────────────────

  /** The supervising office of a platform site; its defaults until someone saves settings. */
  async office(siteId: number): Promise<OfficeView> {
    const site = await this.sites.get(siteId);
    const row = await repo.findOffice(this.db, siteId);
    return {
      siteId,
      siteName: site.name,
      name: row?.name ?? site.sponsor,
      level: (row?.level ?? '地市级') as OfficeView['level'],
      stateCouncil: row?.state_council === 1,
      resultsColumnId: row?.results_column_id ?? null,
      reportsColumnId: row?.reports_column_id ?? null,
    };
  }

  async updateOffice(actor: Actor, siteId: number, input: OfficeUpdate): Promise<OfficeView> {
    const before = await this.office(siteId);
    await this.db.transaction().execute(async (trx) => {
      await repo.upsertOffice(trx, {
        site_id: siteId,
        name: input.name.trim(),
        level: input.level,
        state_council: input.stateCouncil ? 1 : 0,
        results_column_id: input.resultsColumnId,
        reports_column_id: input.reportsColumnId,
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, actor, {
        action: 'supervision.office',
        targetType: 'supervision_office',
        targetId: siteId,
        siteId,
        detail: { before, after: input },
      });
    });
    return this.office(siteId);
  }

  // ───────────────────────────── entries ─────────────────────────────

  async list(ownerSiteId: number, kind?: RegistryKind): Promise<RegistryEntryView[]> {
    await this.syncHosted(ownerSiteId);
    return (await repo.listEntries(this.db, ownerSiteId, kind ? { kind } : {})).map(toEntryView);
  }

  async row(id: number): Promise<RegistryRow> {
    const row = await repo.findEntry(this.db, id);
    if (!row) throw new AppError('SUPERVISION_NOT_FOUND', { what: '监管对象' });
    return row;
  }

  async create(actor: Actor, ownerSiteId: number, input: RegistryInput): Promise<RegistryEntryView> {
    await this.sites.get(ownerSiteId);
    const fields = await this.fieldsOf(ownerSiteId, input, null);
    const at = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      const newId = await repo.insertEntry(trx, {
        ...fields,
        owner_site_id: ownerSiteId,
        hosting: 'external',
        hosted_site_id: null,
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
      });
      await this.audit.record(trx, actor, {
        action: 'supervision.register',
        targetType: 'supervision_registry',
        targetId: newId,
        siteId: ownerSiteId,
        detail: { after: input },
      });
      return newId;
    });
    return toEntryView(await this.row(id));
  }

  async update(actor: Actor, id: number, input: RegistryInput): Promise<RegistryEntryView> {
    const before = await this.row(id);
    const fields = await this.fieldsOf(before.owner_site_id, input, before);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateEntry(trx, id, { ...fields, updated_at: this.clock.now().toISOString() });
      await this.audit.record(trx, actor, {
        action: 'supervision.registry-update',
        targetType: 'supervision_registry',
        targetId: id,
        siteId: before.owner_site_id,
        detail: { before: toEntryView(before), after: input },
      });
    });
    return toEntryView(await this.row(id));
  }

  /** The row's fields from an input, checked: names unique per kind, a status change dated, parents registered. */
  private async fieldsOf(ownerSiteId: number, input: RegistryInput, before: RegistryRow | null) {
    const same = await repo.entryByName(this.db, ownerSiteId, input.kind, input.name.trim());
    if (same && same.id !== before?.id) throw new AppError('SUPERVISION_DUPLICATE', { name: input.name.trim() });
    if (input.kind === 'newmedia' && !input.platform)
      throw new AppError('SUPERVISION_INVALID', {
        field: '平台',
        reason: '政务新媒体须注明平台（微信公众号、微博等）',
      });
    if (input.parentId) {
      const parent = await this.row(input.parentId);
      if (parent.owner_site_id !== ownerSiteId || parent.id === before?.id)
        throw new AppError('SUPERVISION_INVALID', { field: '迁入网站', reason: '须为本单位登记的其他网站' });
    }
    const today = shanghaiDate(this.clock.now());
    const statusChanged = !before || before.status !== input.status;
    const domains = input.domains?.length ? input.domains : [hostOf(input.url)].filter((d): d is string => d !== null);
    return {
      kind: input.kind,
      name: input.name.trim(),
      site_code: input.siteCode ?? null,
      domains: JSON.stringify(domains.map((d) => d.trim().toLowerCase())),
      url: input.url,
      department: input.department.trim(),
      contact_user_id: input.contactUserId ?? null,
      site_type: input.kind === 'website' ? (input.siteType ?? '部门') : null,
      platform: input.kind === 'newmedia' ? (input.platform ?? null) : null,
      account_id: input.accountId ?? null,
      feed_url: input.feedUrl ?? null,
      app_url: input.appUrl ?? null,
      status: input.status,
      opened_on: input.openedOn ?? before?.opened_on ?? null,
      status_since: input.statusSince ?? (statusChanged ? today : (before?.status_since ?? null)),
      parent_id: input.parentId ?? null,
      inventory: JSON.stringify(input.inventory ?? json<string[]>(before?.inventory ?? null, [])),
      note: input.note ?? before?.note ?? '',
    };
  }

  /**
   * Registers every site of this installation the office oversees (all of them for an office on a top-level
   * site; else the site itself and those below it), as hosted here. Runs whenever the registry is read.
   */
  async syncHosted(ownerSiteId: number, db: Executor = this.db): Promise<number> {
    const sites = await repo.installationSites(db);
    const owner = sites.find((s) => s.id === ownerSiteId);
    if (!owner) return 0;
    const below = (id: number): boolean => {
      for (let s = sites.find((x) => x.id === id); s; s = sites.find((x) => x.id === s?.parent_id))
        if (s.id === ownerSiteId) return true;
      return false;
    };
    let added = 0;
    const at = this.clock.now().toISOString();
    for (const site of sites) {
      if (owner.parent_id !== null && !below(site.id)) continue;
      if (await repo.entryForHostedSite(db, ownerSiteId, site.id)) continue;
      const domains = json<string[]>(site.domains, []);
      const id = await repo.insertHostedEntry(db, {
        owner_site_id: ownerSiteId,
        kind: 'website',
        name: site.name,
        site_code: site.site_id_code || null,
        domains: JSON.stringify(domains),
        url: `https://${domains[0] ?? 'localhost'}/${site.parent_id === null ? '' : `site/${site.code}/`}`,
        department: site.sponsor,
        contact_user_id: null,
        hosting: 'local',
        hosted_site_id: site.id,
        site_type: site.parent_id === null ? '门户' : '部门',
        platform: null,
        account_id: null,
        feed_url: null,
        app_url: null,
        status: '运行',
        opened_on: shanghaiDate(at),
        status_since: shanghaiDate(at),
        parent_id: null,
        inventory: '[]',
        note: '本平台站点（自动登记）',
        created_by: null,
        created_at: at,
        updated_at: at,
      });
      if (id === null) continue;
      await this.audit.record(db, SYSTEM_ACTOR, {
        action: 'supervision.register',
        targetType: 'supervision_registry',
        targetId: id,
        siteId: ownerSiteId,
        detail: { hostedSiteId: site.id, name: site.name, automatic: true },
      });
      added += 1;
    }
    return added;
  }

  // ───────────────────────────── XLSX ─────────────────────────────

  async exportXlsx(ownerSiteId: number): Promise<Buffer> {
    const entries = await this.list(ownerSiteId);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('监管对象');
    sheet.columns = XLSX_COLUMNS.map(([header, , width]) => ({ header, width }));
    for (const e of entries) sheet.addRow(XLSX_COLUMNS.map(([, read]) => read(e)));
    sheet.getRow(1).font = { bold: true };
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  /** Rows of the export format (the header row names the columns); a row with an existing name updates it. */
  async importXlsx(actor: Actor, ownerSiteId: number, bytes: Buffer): Promise<{ created: number; updated: number }> {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new AppError('SUPERVISION_IMPORT_FILE', { row: 1, reason: '不是有效的 XLSX 文件' });
    }
    const sheet = book.worksheets[0];
    if (!sheet) throw new AppError('SUPERVISION_IMPORT_FILE', { row: 1, reason: '文件中没有工作表' });
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim());
    const inputs: { row: number; input: RegistryInput }[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const cell = (header: string) => {
        const index = headers.indexOf(header);
        const value = index > 0 ? row.getCell(index).text : '';
        return value.trim();
      };
      if (!cell('名称')) return;
      inputs.push({ row: number, input: inputFromRow(cell, number) });
    });
    let created = 0;
    let updated = 0;
    for (const { row, input } of inputs) {
      const existing = await repo.entryByName(this.db, ownerSiteId, input.kind, input.name);
      try {
        if (existing) {
          await this.update(actor, existing.id, { ...input, inventory: json<string[]>(existing.inventory, []) });
          updated += 1;
        } else {
          await this.create(actor, ownerSiteId, input);
          created += 1;
        }
      } catch (error) {
        if (error instanceof AppError) throw new AppError('SUPERVISION_IMPORT_FILE', { row, reason: error.message });
        throw error;
      }
    }
    return { created, updated };
  }
}

type Reader = (e: RegistryEntryView) => string;
const XLSX_COLUMNS: [string, Reader, number][] = [
  ['类别', (e) => (e.kind === 'website' ? '政府网站' : '政务新媒体'), 10],
  ['名称', (e) => e.name, 30],
  ['网站标识码', (e) => e.siteCode ?? '', 14],
  ['域名', (e) => e.domains.join(' '), 30],
  ['网址', (e) => e.url, 40],
  ['主管主办单位', (e) => e.department, 24],
  ['托管', (e) => (e.hosting === 'local' ? '本平台' : '外部'), 8],
  ['网站类型', (e) => e.siteType ?? '', 8],
  ['平台', (e) => e.platform ?? '', 12],
  ['账号', (e) => e.accountId ?? '', 20],
  ['信息源地址', (e) => e.feedUrl ?? '', 40],
  ['客户端下载地址', (e) => e.appUrl ?? '', 40],
  ['状态', (e) => e.status, 8],
  ['开设日期', (e) => e.openedOn ?? '', 12],
  ['状态日期', (e) => e.statusSince ?? '', 12],
  ['备注', (e) => e.note, 30],
];

function inputFromRow(cell: (header: string) => string, row: number): RegistryInput {
  const kind = cell('类别') === '政务新媒体' ? 'newmedia' : 'website';
  const status = cell('状态') || '运行';
  if (!(REGISTRY_STATUSES as readonly string[]).includes(status))
    throw new AppError('SUPERVISION_IMPORT_FILE', {
      row,
      reason: `状态“${status}”应为${REGISTRY_STATUSES.join('、')}之一`,
    });
  const url = cell('网址');
  if (!/^https?:\/\//.test(url))
    throw new AppError('SUPERVISION_IMPORT_FILE', { row, reason: '网址须以 http:// 或 https:// 开头' });
  const platform = cell('平台');
  if (platform && !(PLATFORMS as readonly string[]).includes(platform))
    throw new AppError('SUPERVISION_IMPORT_FILE', { row, reason: `平台“${platform}”应为${PLATFORMS.join('、')}之一` });
  const siteType = cell('网站类型');
  const optional = (value: string) => value || null;
  const date = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
  return {
    kind,
    name: cell('名称'),
    siteCode: optional(cell('网站标识码')),
    domains: cell('域名')
      .split(/[\s,，、]+/)
      .filter(Boolean),
    url,
    department: cell('主管主办单位') || '未填写',
    siteType: (SITE_TYPES as readonly string[]).includes(siteType) ? (siteType as RegistryInput['siteType']) : null,
    platform: (optional(platform) as RegistryInput['platform']) ?? null,
    accountId: optional(cell('账号')),
    feedUrl: optional(cell('信息源地址')),
    appUrl: optional(cell('客户端下载地址')),
    status: status as RegistryInput['status'],
    openedOn: date(cell('开设日期')),
    statusSince: date(cell('状态日期')),
    note: cell('备注'),
  };
}
