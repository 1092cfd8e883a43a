// Rows → API views of plans, items and rectification tasks.
import type { ItemRow, PlanRow, TaskRow } from './plans.repository.ts';
import type { RegistryRow } from './supervision.repository.ts';
import type { ItemResult } from './results.ts';
import {
  TASK_STATUS_NAMES,
  type ItemStatus,
  type PlanItemView,
  type PlanStatus,
  type PlanView,
  type RegistryKind,
  type TaskStatus,
  type TaskView,
} from './supervision.schema.ts';

const json = <T>(text: string | null, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);

export function toPlanView(plan: PlanRow, items: readonly ItemRow[]): PlanView {
  const count = (status: ItemStatus) => items.filter((i) => i.status === status).length;
  const websites = items.filter((i) => i.kind === 'website').length;
  return {
    id: plan.id,
    ownerSiteId: plan.owner_site_id,
    year: plan.year,
    quarter: plan.quarter,
    fullCoverage: plan.full_coverage === 1,
    ratio: plan.ratio,
    seed: plan.seed,
    websitesTotal: plan.websites_total,
    accountsTotal: plan.accounts_total,
    maxPages: plan.max_pages,
    status: plan.status as PlanStatus,
    scheduledAt: plan.scheduled_at,
    startedAt: plan.started_at,
    finishedAt: plan.finished_at,
    resultsContentId: plan.results_content_id,
    resultsPublishedAt: plan.results_published_at,
    progress: {
      total: items.length,
      done: count('done'),
      failed: count('failed'),
      running: count('running'),
      pending: count('pending'),
    },
    share: plan.websites_total === 0 ? 1 : websites / plan.websites_total,
  };
}

/** The stage of a running inspection, from its progress record. */
function stageOf(item: ItemRow, progress: ReadonlyMap<number, string>): string | null {
  if (item.status !== 'running') return null;
  if (item.kind === 'newmedia') return '检查账号更新情况';
  const raw = item.run_id ? progress.get(item.run_id) : undefined;
  if (!raw) return '排队中';
  const p = JSON.parse(raw) as { message?: string; done?: number; total?: number };
  return p.message ?? null;
}

export function toItemView(
  item: ItemRow,
  entry: RegistryRow | undefined,
  progress: ReadonlyMap<number, string>,
): PlanItemView {
  const result = json<ItemResult | null>(item.result, null);
  return {
    id: item.id,
    registryId: item.registry_id,
    name: entry?.name ?? '（已删除）',
    kind: item.kind as RegistryKind,
    url: entry?.url ?? '',
    department: entry?.department ?? '',
    status: item.status as ItemStatus,
    attempts: item.attempts,
    nextAttemptAt: item.next_attempt_at,
    runId: item.run_id,
    verdict: item.verdict,
    totalScore: item.total_score,
    findingsCount: item.findings_count,
    error: item.error,
    stage: stageOf(item, progress),
    problems: (result?.problems ?? []).map((p) => ({
      indicatorId: p.indicatorId,
      name: p.name,
      findings: p.findings.map((f) => ({ message: f.message, url: f.url })),
    })),
  };
}

export function toTaskView(task: TaskRow, entry: RegistryRow | undefined, now: string): TaskView {
  const status = task.status as TaskStatus;
  return {
    id: task.id,
    ownerSiteId: task.owner_site_id,
    planId: task.plan_id,
    registryId: task.registry_id,
    site: entry?.name ?? '',
    siteUrl: entry?.url ?? '',
    indicatorId: task.indicator_id,
    indicatorName: task.indicator_name,
    problem: task.problem,
    evidence: json<{ message: string; url: string | null }[]>(task.evidence, []),
    department: task.department,
    status,
    statusName: TASK_STATUS_NAMES[status],
    publishedAt: task.published_at,
    dueAt: task.due_at,
    overdue: status !== 'closed' && now > task.due_at,
    response: task.response,
    responseEvidence: json(task.response_evidence, []),
    respondedAt: task.responded_at,
    recheckRunId: task.recheck_run_id,
    recheckPending: task.recheck_run_id !== null && task.rechecked_at === null,
    rechecked: task.rechecked_at,
    recheckNote: task.recheck_note,
    closedAt: task.closed_at,
  };
}
