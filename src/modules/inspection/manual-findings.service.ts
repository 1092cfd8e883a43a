// Manual findings: what an inspector saw that no crawler can (judgement, simulated users …). A finding counts
// in every later run of its URL — only in its site's runs when recorded for a platform site — until revoked.
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Clock } from '../../platform/time.ts';
import type { SitesService } from '../sites/sites.service.ts';
import { GOV_WEBSITE_CATALOGUE, findIndicator } from './indicators.ts';
import * as repo from './inspection.repository.ts';
import type { InspectionScope } from './scope.ts';
import { type Finding, InspectionInputError, scoreInspection } from './scoring.ts';
import { normalTargetUrl } from './target-url.ts';

export interface ManualFindingInput {
  url: string;
  indicatorId: string;
  subRule?: number | null;
  part?: string | null;
  points?: number | null;
  message: string;
  evidenceUrl?: string | null;
  note?: string | null;
  screenshotFileKey?: string | null;
  /** The platform site the finding is for: it then counts only in that site's runs. */
  siteId?: number | null;
}

export class ManualFindingsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sites: SitesService,
  ) {}

  /** Refuses a finding the scoring could not read: unknown indicator, points out of range, rule mismatch. */
  private check(input: ManualFindingInput): void {
    const indicator = findIndicator(GOV_WEBSITE_CATALOGUE, input.indicatorId);
    if (!indicator) throw new AppError('INDICATOR_UNKNOWN', { id: input.indicatorId });
    const max = 'points' in indicator ? Number(indicator.points) : 0;
    if (
      indicator.kind !== 'veto' &&
      input.points !== undefined &&
      input.points !== null &&
      (input.points < 0 || input.points > max)
    ) {
      throw new AppError('FINDING_POINTS_RANGE', { max });
    }
    // Checked as the scoring will read it, so a bad finding is refused now rather than breaking later runs.
    try {
      scoreInspection([
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
      ]);
    } catch (error) {
      if (error instanceof InspectionInputError) throw new AppError('FINDING_RULE_MISMATCH', { reason: error.message });
      throw error;
    }
  }

  async add(actor: Actor, input: ManualFindingInput): Promise<number> {
    this.check(input);
    const at = this.clock.now().toISOString();
    const evidence = {
      url: input.evidenceUrl ?? input.url,
      note: input.note ?? '',
      expected: '',
      observed: input.message,
      at,
      source: 'manual',
      inspector: actor.username,
      ...(input.screenshotFileKey ? { screenshotKey: input.screenshotFileKey } : {}),
    };
    if (input.siteId) await this.sites.get(input.siteId);
    const id = await repo.insertManualFinding(this.db, {
      target_url: normalTargetUrl(input.url),
      site_id: input.siteId ?? null,
      indicator_id: input.indicatorId,
      sub_rule: input.subRule ?? null,
      part: input.part ?? null,
      points: input.points ?? null,
      message: input.message,
      evidence: JSON.stringify(evidence),
      created_by: actor.userId,
      created_at: at,
    });
    await this.audit.recordAlone(actor, {
      action: 'inspection.manual-finding',
      targetType: 'inspection_finding',
      targetId: id,
      siteId: input.siteId ?? null,
      detail: { ...input },
    });
    return id;
  }

  /** A manual finding still in force. */
  async get(id: number) {
    const row = await repo.findManualFinding(this.db, id);
    if (!row || row.revoked_at !== null) throw new AppError('FINDING_NOT_FOUND');
    return row;
  }

  async revoke(actor: Actor, id: number): Promise<void> {
    const row = await this.get(id);
    await repo.revokeManualFinding(this.db, id, this.clock.now().toISOString());
    await this.audit.recordAlone(actor, {
      action: 'inspection.revoke-finding',
      targetType: 'inspection_finding',
      targetId: id,
      siteId: row.site_id,
    });
  }

  /** The manual findings a run of `targetUrl` for `siteId` counts: the site's own and the site-less ones. */
  async forRun(targetUrl: string, siteId: number | null = null): Promise<Finding[]> {
    const rows = await repo.activeManualFindings(this.db, normalTargetUrl(targetUrl), { forSite: siteId });
    return rows.map((r) => ({
      indicatorId: r.indicator_id,
      ...(r.sub_rule !== null ? { subRule: r.sub_rule } : {}),
      ...(r.part ? { part: r.part } : {}),
      ...(r.points !== null ? { points: r.points } : {}),
      message: r.message,
      evidence: { ...(JSON.parse(r.evidence) as Record<string, unknown>), manualFindingId: r.id },
    }));
  }

  /** Findings in force for a target that `scope` may see; with `siteId`, those that site's runs count. */
  list(targetUrl: string, scope: InspectionScope, siteId?: number) {
    return repo.activeManualFindings(this.db, normalTargetUrl(targetUrl), {
      scope,
      ...(siteId !== undefined ? { forSite: siteId } : {}),
    });
  }
}
