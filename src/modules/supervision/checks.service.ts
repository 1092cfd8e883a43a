// The supervisor's checks besides the quarterly plans: 集约整合 (a closed site stops serving its own content, and
// its old titles are found in the parent site's search), 年度报表 (each site's 工作年度报表 linked from its home
// page by 31 January), 全面监管 (government sites linked from registered sites but not registered), new-media
// accounts on demand, and the manual findings of what no crawler can tell.
import type { Db } from '../../platform/db/database.ts';
import { shanghaiDate, type Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { fetchPage } from '../inspection/crawler/fetcher.ts';
import { extractPage } from '../inspection/crawler/extract.ts';
import { formSearch, resultsList } from '../inspection/external/search.ts';
import { findIndicator, NEW_MEDIA_CATALOGUE, SUPERVISION_CATALOGUE } from '../inspection/indicators.ts';
import { InspectionInputError, scoreInspection } from '../inspection/scoring.ts';
import { sample } from '../inspection/sampling.ts';
import * as repo from './supervision.repository.ts';
import type { CheckRow, RegistryRow } from './supervision.repository.ts';
import { hostOf, type RegistryService } from './registry.service.ts';
import type { PlansService } from './plans.service.ts';
import { checkAccount } from './newmedia.ts';
import type { CheckKind, CheckView, ManualFindingInput } from './supervision.schema.ts';

/** 随机抽查该地区、该部门5个政府网站（不足5个的则检查全部网站）. */
export const SITES_SAMPLED = 5;
/** Old titles searched for in the parent site. */
const TITLES_SAMPLED = 5;
const GOV_HOST = /(\.gov\.cn|\.政务|\.xn--zfr164b)$/i;
const REPORT_LINK = /(工作)?年度报表|网站年报|年度工作报表/;
const CLOSED_NOTICE = /已(关停|关闭|停止(运行|服务|更新)|迁移|整合)|网站已(迁至|并入)/;

export type CheckOutcome = 'pass' | 'fail' | 'untested';

export function toCheckView(row: CheckRow, entry: RegistryRow | undefined): CheckView {
  return {
    id: row.id,
    registryId: row.registry_id,
    site: entry?.name ?? null,
    kind: row.kind as CheckKind,
    year: row.year,
    status: row.status,
    summary: row.summary,
    detail: JSON.parse(row.detail) as unknown,
    resolution: row.resolution,
    checkedAt: row.checked_at,
  };
}

/** A seeded choice of 5 registered running websites (all when fewer): the same for a year, whoever asks. */
export function sampleOfYear(entries: readonly RegistryRow[], year: number): RegistryRow[] {
  const sorted = [...entries].sort((a, b) => a.id - b.id);
  return sample(sorted, SITES_SAMPLED, year).sort((a, b) => a.id - b.id);
}

export class ChecksService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly registry: RegistryService,
    private readonly plans: PlansService,
  ) {}

  /** The current year in Beijing time. */
  private year(): number {
    return Number(shanghaiDate(this.clock.now()).slice(0, 4));
  }

  async list(ownerSiteId: number, kind?: CheckKind, year?: number): Promise<CheckView[]> {
    const rows = await repo.listChecks(this.db, ownerSiteId, {
      ...(kind && { kind }),
      ...(year !== undefined && { year }),
    });
    const entries = new Map(
      (
        await repo.entriesByIds(
          this.db,
          rows.flatMap((r) => (r.registry_id ? [r.registry_id] : [])),
        )
      ).map((e) => [e.id, e]),
    );
    return rows.map((r) => toCheckView(r, r.registry_id ? entries.get(r.registry_id) : undefined));
  }

  private async record(
    actor: Actor,
    entry: { owner: number; registryId: number | null },
    kind: CheckKind,
    year: number,
    outcome: CheckOutcome,
    summary: string,
    detail: Record<string, unknown>,
  ): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const id = await repo.insertCheck(trx, {
        owner_site_id: entry.owner,
        registry_id: entry.registryId,
        kind,
        year,
        status: outcome,
        summary,
        detail: JSON.stringify(detail),
        resolution: null,
        resolved_at: null,
        checked_at: this.clock.now().toISOString(),
        created_by: actor.userId,
      });
      await this.audit.record(trx, actor, {
        action: `supervision.check-${kind}`,
        targetType: 'supervision_check',
        targetId: id,
        siteId: entry.owner,
        detail: { registryId: entry.registryId, outcome, summary },
      });
      return id;
    });
  }

  // ───────────────────────────── 集约整合 ─────────────────────────────

  /** A site reported closed or merged: does its domain still serve its own content, was its content migrated? */
  async closure(actor: Actor, registryId: number): Promise<CheckView> {
    const entry = await this.registry.row(registryId);
    if (!['关停', '整合'].includes(entry.status))
      throw new AppError('SUPERVISION_INVALID', { field: '状态', reason: '只检查已报关停或整合的网站' });
    const serving = await this.stillServing(entry);
    const migration = await this.migrated(entry);
    const problems = [
      ...(serving.serving ? [serving.note] : []),
      ...migration.missing.map((t) => `“${t}”未在上级网站找到`),
    ];
    const outcome: CheckOutcome = problems.length ? 'fail' : migration.undecided ? 'untested' : 'pass';
    const summary = problems.length
      ? `${serving.serving ? '已报关停但仍在提供内容' : '关停后内容未迁移至上级网站'}：${problems.join('；')}`
      : migration.undecided
        ? `已停止服务；${migration.undecided}`
        : '已停止提供内容，抽取的原有信息均可在上级网站搜索到';
    const id = await this.record(
      actor,
      { owner: entry.owner_site_id, registryId: entry.id },
      'closure',
      this.year(),
      outcome,
      summary,
      {
        url: entry.url,
        serving,
        migration,
      },
    );
    return toCheckView((await repo.findCheck(this.db, id)) as CheckRow, entry);
  }

  private async stillServing(
    entry: RegistryRow,
  ): Promise<{ serving: boolean; note: string; status: number | null; finalUrl: string }> {
    const page = await fetchPage(entry.url, { readBody: 'text', timeoutMs: 15_000 });
    const finalHost = hostOf(page.finalUrl);
    const ownHosts = new Set([...(JSON.parse(entry.domains) as string[]), hostOf(entry.url)].filter(Boolean));
    if (page.error || page.status === null || page.status >= 400)
      return {
        serving: false,
        note: `已停止服务（${page.error?.message ?? `HTTP ${page.status}`}）`,
        status: page.status,
        finalUrl: page.finalUrl,
      };
    if (finalHost && !ownHosts.has(finalHost))
      return { serving: false, note: `已跳转至 ${page.finalUrl}`, status: page.status, finalUrl: page.finalUrl };
    const facts = page.text ? extractPage(page.text, page.finalUrl) : null;
    const notice = facts && CLOSED_NOTICE.test(`${facts.title} ${facts.mainText}`) && facts.links.length < 10;
    if (notice) return { serving: false, note: '只显示关停说明', status: page.status, finalUrl: page.finalUrl };
    return {
      serving: true,
      note: `${entry.url} 仍可访问并提供原有内容（HTTP ${page.status}）`,
      status: page.status,
      finalUrl: page.finalUrl,
    };
  }

  /** Old titles (the registry's inventory, sampled) searched for in the parent site's own search. */
  private async migrated(
    entry: RegistryRow,
  ): Promise<{ searched: string[]; missing: string[]; undecided: string | null }> {
    const titles = JSON.parse(entry.inventory) as string[];
    if (!entry.parent_id) return { searched: [], missing: [], undecided: '未登记内容迁入的上级网站，无法检查迁移情况' };
    if (titles.length === 0)
      return { searched: [], missing: [], undecided: '未登记原网站的信息标题，无法检查迁移情况' };
    const parent = await this.registry.row(entry.parent_id);
    const target = await this.plans.targetOf(parent);
    const home = await fetchPage(target.url, { readBody: 'text', timeoutMs: 15_000 });
    const form = home.text ? extractPage(home.text, home.finalUrl).searchForm : null;
    if (!form)
      return { searched: [], missing: [], undecided: `上级网站 ${parent.name} 首页未找到搜索表单，无法检查迁移情况` };
    const search = formSearch(form, { timeoutMs: 15_000 });
    const chosen = sample([...titles].sort(), TITLES_SAMPLED, entry.id);
    const missing: string[] = [];
    for (const title of chosen) {
      const result = await search(title);
      if (!result.html || !resultsList(result.html, result.url, title)) missing.push(title);
    }
    return { searched: chosen, missing, undecided: null };
  }

  // ───────────────────────────── 年度报表 ─────────────────────────────

  /** The sampled sites' 工作年度报表 for `year`: linked from the home page, and when it was published. */
  async siteAnnualReports(actor: Actor, ownerSiteId: number, year: number): Promise<CheckView[]> {
    const running = await repo.listEntries(this.db, ownerSiteId, { kind: 'website', status: '运行' });
    const ids: number[] = [];
    for (const entry of sampleOfYear(running, year)) {
      const found = await this.findAnnualReport(entry, year);
      ids.push(
        await this.record(
          actor,
          { owner: ownerSiteId, registryId: entry.id },
          'annual-report',
          year,
          found.outcome,
          found.summary,
          found.detail,
        ),
      );
    }
    return (await this.list(ownerSiteId, 'annual-report', year)).filter((c) => ids.includes(c.id));
  }

  private async findAnnualReport(entry: RegistryRow, year: number) {
    const target = await this.plans.targetOf(entry);
    const home = await fetchPage(target.url, { readBody: 'text', timeoutMs: 15_000 });
    if (!home.text || home.status === null || home.status >= 400)
      return {
        outcome: 'untested' as const,
        summary: `首页无法访问（${home.error?.message ?? `HTTP ${home.status}`}）`,
        detail: { url: target.url },
      };
    const facts = extractPage(home.text, home.finalUrl);
    const link = facts.links.find((l) => REPORT_LINK.test(l.text) && l.text.includes(String(year)));
    if (!link)
      return {
        outcome: 'fail' as const,
        summary: `首页未发布${year}年度网站工作年度报表`,
        detail: { url: home.finalUrl, onHomePage: false, publishedOn: null },
      };
    const report = await fetchPage(link.url, { readBody: 'text', timeoutMs: 15_000 });
    const reportFacts = report.text ? extractPage(report.text, report.finalUrl) : null;
    const publishedOn = reportFacts?.pubDate ?? reportFacts?.dates[0] ?? null;
    const late = publishedOn !== null && publishedOn > `${year + 1}-01-31`;
    return {
      outcome: late ? ('fail' as const) : ('pass' as const),
      summary: late
        ? `网站工作年度报表晚于1月31日发布（${publishedOn}）`
        : `首页已发布网站工作年度报表${publishedOn ? `（${publishedOn}）` : ''}`,
      detail: { url: link.url, title: link.text, onHomePage: true, publishedOn },
    };
  }

  // ───────────────────────────── 全面监管 ─────────────────────────────

  /** Government hosts linked from the registered sites' home pages and not registered: each would cost a point. */
  async discover(actor: Actor, ownerSiteId: number): Promise<CheckView[]> {
    await this.registry.syncHosted(ownerSiteId);
    const entries = await repo.listEntries(this.db, ownerSiteId, { kind: 'website' });
    const known = new Set(entries.flatMap((e) => [...(JSON.parse(e.domains) as string[]), hostOf(e.url) ?? '']));
    for (const d of await repo.discoveries(this.db, ownerSiteId))
      known.add((JSON.parse(d.detail) as { host: string }).host);
    const created: number[] = [];
    for (const entry of entries.filter((e) => e.status === '运行')) {
      const target = await this.plans.targetOf(entry);
      const home = await fetchPage(target.url, { readBody: 'text', timeoutMs: 15_000 });
      if (!home.text) continue;
      for (const link of extractPage(home.text, home.finalUrl).links) {
        const host = hostOf(link.url);
        if (!host || !GOV_HOST.test(host) || known.has(host)) continue;
        known.add(host);
        created.push(
          await this.record(
            actor,
            { owner: ownerSiteId, registryId: entry.id },
            'discovery',
            this.year(),
            'fail',
            `发现未登记的政府网站 ${host}`,
            {
              host,
              url: link.url,
              text: link.text,
              foundOn: entry.url,
            },
          ),
        );
      }
    }
    return (await this.list(ownerSiteId, 'discovery')).filter((c) => created.includes(c.id));
  }

  async resolveDiscovery(
    actor: Actor,
    id: number,
    resolution: 'registered' | 'not-government' | 'duplicate',
  ): Promise<void> {
    const row = await repo.findCheck(this.db, id);
    if (row?.kind !== 'discovery') throw new AppError('SUPERVISION_NOT_FOUND', { what: '发现记录' });
    await this.db.transaction().execute(async (trx) => {
      await repo.resolveCheck(trx, id, resolution, this.clock.now().toISOString());
      await this.audit.record(trx, actor, {
        action: 'supervision.discovery-resolve',
        targetType: 'supervision_check',
        targetId: id,
        siteId: row.owner_site_id,
        detail: { resolution },
      });
    });
  }

  async check(id: number): Promise<CheckRow> {
    const row = await repo.findCheck(this.db, id);
    if (!row) throw new AppError('SUPERVISION_NOT_FOUND', { what: '检查记录' });
    return row;
  }

  // ───────────────────────────── new media ─────────────────────────────

  async newMedia(actor: Actor, registryId: number): Promise<CheckView> {
    const entry = await this.registry.row(registryId);
    if (entry.kind !== 'newmedia')
      throw new AppError('SUPERVISION_INVALID', { field: '类别', reason: '只检查政务新媒体账号' });
    const manual = (await repo.activeFindings(this.db, entry.owner_site_id, this.year()))
      .filter((f) => f.registry_id === entry.id && f.outcome === 'problem')
      .map((f) => ({
        indicatorId: f.indicator_id,
        ...(f.sub_rule ? { subRule: f.sub_rule } : {}),
        message: f.message,
      }));
    const result = await checkAccount(
      { name: entry.name, platform: entry.platform, url: entry.url, feedUrl: entry.feed_url, appUrl: entry.app_url },
      this.clock.now(),
      manual,
    );
    const vetoes = result.indicators.filter((i) => i.status === '否决');
    const outcome: CheckOutcome = vetoes.length ? 'fail' : 'pass';
    const summary = vetoes.length
      ? vetoes.flatMap((i) => i.findings.map((f) => f.message)).join('；')
      : `最近更新 ${result.newest ?? '未读出'}`;
    const id = await this.record(
      actor,
      { owner: entry.owner_site_id, registryId: entry.id },
      'newmedia',
      this.year(),
      outcome,
      summary,
      {
        ...result,
      },
    );
    return toCheckView((await repo.findCheck(this.db, id)) as CheckRow, entry);
  }

  // ───────────────────────────── manual findings ─────────────────────────────

  async addFinding(actor: Actor, input: ManualFindingInput): Promise<number> {
    const supervision = findIndicator(SUPERVISION_CATALOGUE, input.indicatorId);
    const newMedia = findIndicator(NEW_MEDIA_CATALOGUE, input.indicatorId);
    if (!supervision && !newMedia)
      throw new AppError('SUPERVISION_INVALID', {
        field: '指标',
        reason: `${input.indicatorId} 不是监管考核或政务新媒体指标`,
      });
    if (newMedia && !input.registryId)
      throw new AppError('SUPERVISION_INVALID', { field: '账号', reason: '政务新媒体的人工发现须注明账号' });
    if (input.registryId) await this.registry.row(input.registryId);
    if (supervision && input.outcome !== 'confirmed') this.assertScorable(input);
    const at = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const id = await repo.insertFinding(trx, {
        owner_site_id: input.siteId,
        registry_id: input.registryId ?? null,
        year: input.year,
        indicator_id: input.indicatorId,
        sub_rule: input.subRule ?? null,
        part: input.part ?? null,
        points: input.points ?? null,
        outcome: input.outcome,
        message: input.message.trim(),
        evidence: JSON.stringify({ url: input.evidenceUrl ?? null, recordedBy: actor.username }),
        created_by: actor.userId,
        created_at: at,
        revoked_at: null,
      });
      await this.audit.record(trx, actor, {
        action: 'supervision.finding',
        targetType: 'supervision_finding',
        targetId: id,
        siteId: input.siteId,
        detail: { ...input },
      });
      return id;
    });
  }

  /** Refused now rather than breaking the year's score later: the finding must fit the indicator's rules. */
  private assertScorable(input: ManualFindingInput): void {
    try {
      scoreInspection(
        [
          {
            indicatorId: input.indicatorId,
            status: 'measured',
            findings: [
              {
                indicatorId: input.indicatorId,
                ...(input.subRule ? { subRule: input.subRule } : {}),
                ...(input.part ? { part: input.part } : {}),
                ...(input.points !== undefined && input.points !== null ? { points: input.points } : {}),
                message: input.message,
              },
            ],
          },
        ],
        { catalogue: SUPERVISION_CATALOGUE },
      );
    } catch (error) {
      if (error instanceof InspectionInputError)
        throw new AppError('SUPERVISION_INVALID', {
          field: '评分细则',
          reason: '请选择该指标的细则条目（或填写分值）',
        });
      throw error;
    }
  }

  async finding(id: number) {
    const row = await repo.findFinding(this.db, id);
    if (!row || row.revoked_at) throw new AppError('SUPERVISION_NOT_FOUND', { what: '人工发现' });
    return row;
  }

  async revokeFinding(actor: Actor, id: number): Promise<void> {
    const row = await this.finding(id);
    await this.db.transaction().execute(async (trx) => {
      await repo.revokeFinding(trx, id, this.clock.now().toISOString());
      await this.audit.record(trx, actor, {
        action: 'supervision.finding-revoke',
        targetType: 'supervision_finding',
        targetId: id,
        siteId: row.owner_site_id,
      });
    });
  }

  listFindings(ownerSiteId: number, year: number) {
    return repo.activeFindings(this.db, ownerSiteId, year);
  }
}
