import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { RoleGrant } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors.ts';
import { ChangeListeners, type ChangeListener } from '../../platform/listeners.ts';
import * as repo from './sites.repository.ts';
import { identityProblems } from './site-identity.ts';
import { toSiteView } from './sites.presenter.ts';
import type { SiteCreate, SiteIdentity, SiteView } from './sites.schema.ts';

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
    throw new AppError('SITE_IDENTITY_PROBLEMS', { problems: Object.values(fields).join('；') }, { fields });
  }
}

/** Listeners of a site's identity changes get the site's id. */
export type SiteChangeListener = ChangeListener<number>;

/**
 * How long a node answers from the sites it last read. Every public request resolves its site from the list;
 * another node's change of a site's identity or domains shows here within this time, as its publications do.
 */
const SITES_FRESH_MS = 1000;

export class SitesService {
  private readonly changes = new ChangeListeners<number>();
  private recent: { at: number; sites: Promise<readonly SiteView[]> } | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The public site's cache and others subscribe to identity changes. */
  onChange(listener: SiteChangeListener): () => void {
    return this.changes.subscribe(listener);
  }

  /** Every site, read at most once a second per node (this node's own changes show at once). */
  async list(): Promise<SiteView[]> {
    const now = performance.now();
    if (!this.recent || now - this.recent.at >= SITES_FRESH_MS) {
      const sites = repo.listSites(this.db).then((rows) => rows.map((row) => Object.freeze(toSiteView(row))));
      const recent = { at: now, sites };
      this.recent = recent;
      // A failed read (the database away) is not remembered: the next request asks again.
      sites.catch(() => {
        if (this.recent === recent) this.recent = null;
      });
    }
    return [...(await this.recent.sites)];
  }

  /** The next list() reads the database (after a change here, or in tests that change sites behind our back). */
  forget(): void {
    this.recent = null;
  }

  /** The sites a staff member's roles cover; installation-wide roles cover all. */
  async visibleTo(grants: RoleGrant[]): Promise<SiteView[]> {
    return (await this.list()).filter((s) => grants.some((g) => g.siteId === null || g.siteId === s.id));
  }

  async get(id: number): Promise<SiteView> {
    const site = await repo.findSite(this.db, id);
    if (!site) throw new AppError('SITE_NOT_FOUND');
    return toSiteView(site);
  }

  async create(actor: Actor, input: SiteCreate): Promise<SiteView> {
    assertValid(input);
    const at = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      if (await repo.findSiteByCode(trx, input.code)) throw new AppError('SITE_CODE_TAKEN', { code: input.code });
      if (input.parentId !== null && !(await repo.findSite(trx, input.parentId)))
        throw new AppError('PARENT_SITE_NOT_FOUND');
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
    this.forget();
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
    this.forget();
    await this.changes.emit(id);
    return this.get(id);
  }
}
