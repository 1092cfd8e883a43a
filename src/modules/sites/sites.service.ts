import type { Db } from '../../platform/db/database.ts';
import type { Site } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './sites.repository.ts';
import { identityProblems } from './site-identity.ts';
import type { SiteCreate, SiteIdentity, SiteView } from './sites.schema.ts';

export function toSiteView(s: Site): SiteView {
  return {
    id: s.id,
    code: s.code,
    parentId: s.parent_id,
    name: s.name,
    domains: JSON.parse(s.domains) as string[],
    siteIdCode: s.site_id_code,
    icpNumber: s.icp_number,
    policeNumber: s.police_number,
    sponsor: s.sponsor,
    organizer: s.organizer,
    phone: s.phone,
    email: s.email,
    address: s.address,
    conacUrl: s.conac_url,
    jiucuoEnabled: s.jiucuo_enabled === 1,
    jiucuoScriptUrl: s.jiucuo_script_url,
  };
}

function toRow(identity: SiteIdentity) {
  return {
    name: identity.name.trim(),
    domains: JSON.stringify(identity.domains.map((d) => d.trim().toLowerCase())),
    site_id_code: identity.siteIdCode.trim(),
    icp_number: identity.icpNumber.trim(),
    police_number: identity.policeNumber.trim(),
    sponsor: identity.sponsor.trim(),
    organizer: identity.organizer?.trim() || null,
    phone: identity.phone.trim(),
    email: identity.email.trim(),
    address: identity.address.trim(),
    conac_url: identity.conacUrl?.trim() || null,
    jiucuo_enabled: identity.jiucuoEnabled ? (1 as const) : (0 as const),
    jiucuo_script_url: identity.jiucuoScriptUrl.trim(),
  };
}

function assertValid(identity: SiteIdentity): void {
  const fields = identityProblems(identity);
  if (Object.keys(fields).length > 0) {
    throw new AppError('SITE_IDENTITY_INVALID', `网站标识信息格式不正确：${Object.values(fields).join('；')}`, {
      fields,
    });
  }
}

export type SiteChangeListener = (siteId: number) => void | Promise<void>;

export class SitesService {
  private readonly listeners: SiteChangeListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The public site's cache and others subscribe to identity changes. */
  onChange(listener: SiteChangeListener): void {
    this.listeners.push(listener);
  }

  async list(): Promise<SiteView[]> {
    return (await repo.listSites(this.db)).map(toSiteView);
  }

  async get(id: number): Promise<SiteView> {
    const site = await repo.findSite(this.db, id);
    if (!site) throw new AppError('NOT_FOUND', '站点不存在');
    return toSiteView(site);
  }

  async create(actor: Actor, input: SiteCreate): Promise<SiteView> {
    assertValid(input);
    const at = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      if (await repo.findSiteByCode(trx, input.code)) throw new AppError('CONFLICT', `站点代码“${input.code}”已存在`);
      if (input.parentId !== null && !(await repo.findSite(trx, input.parentId)))
        throw new AppError('NOT_FOUND', '上级站点不存在');
      const newId = await repo.insertSite(trx, {
        ...toRow(input),
        code: input.code,
        parent_id: input.parentId,
        created_at: at,
        updated_at: at,
      });
      await this.audit.record(trx, actor, {
        action: 'site.create',
        targetType: 'site',
        targetId: newId,
        siteId: newId,
        detail: { after: input },
      });
      return newId;
    });
    return this.get(id);
  }

  async update(actor: Actor, id: number, identity: SiteIdentity): Promise<SiteView> {
    assertValid(identity);
    const before = await this.get(id);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateSite(trx, id, { ...toRow(identity), updated_at: this.clock.now().toISOString() });
      await this.audit.record(trx, actor, {
        action: 'site.update',
        targetType: 'site',
        targetId: id,
        siteId: id,
        detail: { before, after: identity },
      });
    });
    for (const listener of this.listeners) await listener(id);
    return this.get(id);
  }
}
