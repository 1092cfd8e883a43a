// 数据发布 (附件2, bonus) judged from the platform's own records, as an inspector would find it on the site:
// 1. a data release column updated within 3 months (2 points) or 3–6 months (1 point);
// 2. data shown and interpreted visually (charts, 图解) within 6 months (1 point);
// 3. data sets updated regularly, with downloads or a working data interface (1 point) — tried for real.
import { DAY, shanghaiDate } from '../../platform/time.ts';
import type { Finding, IndicatorResult } from '../inspection/scoring.ts';
import type { InternalCheck, InternalCheckContext } from '../inspection/internal/internal-checks.ts';
import type { DatasetsService } from './datasets.service.ts';
import type { PublicDataset } from './datasets.public.ts';
import * as repo from './datasets.repository.ts';

const ID = 'bonus.data-release';
const THREE_MONTHS = 92 * DAY;
const SIX_MONTHS = 183 * DAY;
/** How long a data set may go without a new version for its update frequency (a month of grace). */
const CYCLE_DAYS: Record<string, number> = { 每月: 31, 每季度: 92, 每半年: 183, 每年: 366 };
const GRACE_DAYS = 31;

const evidence = (ctx: InternalCheckContext, path: string, expected: string, observed: string) => ({
  url: ctx.url(path),
  expected,
  observed,
  at: ctx.now.toISOString(),
  source: 'internal',
});

const age = (ctx: InternalCheckContext, iso: string) => ctx.now.getTime() - new Date(iso).getTime();

/** A data set is updated regularly when its newest version is within its cycle and it has more than one. */
function regular(ctx: InternalCheckContext, d: PublicDataset): boolean {
  const cycle = CYCLE_DAYS[d.metadata.updateFrequency];
  if (!cycle) return false;
  const newest = d.versions.at(-1)!.releasedAt;
  return (d.versions.length > 1 || !!d.metadata.autoProvider) && age(ctx, newest) <= (cycle + GRACE_DAYS) * DAY;
}

export function dataReleaseCheck(datasets: DatasetsService): InternalCheck {
  return async (ctx): Promise<IndicatorResult[]> => {
    const tree = await ctx.columns.tree(ctx.siteId);
    const columns = tree.flat.filter((c) => c.columnType === '数据发布' && c.visible);
    if (columns.length === 0) return [{ indicatorId: ID, status: 'measured', findings: [] }];
    const published = (await datasets.reader.list(ctx.siteId)).filter((d) => columns.some((c) => c.id === d.columnId));
    const duty = (await ctx.duty.columnDuty(ctx.siteId, ctx.now)).filter((d) => d.columnType === '数据发布');
    const findings: Finding[] = [];
    const pathOf = async (d: PublicDataset) => datasets.pagePath(d);

    // 1. Updated: a data set's newest version, or anything else published in the column.
    const latest = [
      ...published.map((d) => d.updatedAt),
      ...duty.map((d) => d.lastPublishedAt).filter((x): x is string => !!x),
    ]
      .sort()
      .pop();
    if (latest && age(ctx, latest) <= SIX_MONTHS) {
      const points = age(ctx, latest) <= THREE_MONTHS ? 2 : 1;
      findings.push({
        indicatorId: ID,
        subRule: 1,
        points,
        message: `开设“${columns[0].name}”栏目，最近于 ${shanghaiDate(latest)} 更新`,
        evidence: evidence(ctx, columns[0].path, '监测时间点前3个月内有更新', shanghaiDate(latest)),
      });
    }

    // 2. Shown visually within 6 months: a data set with charts, or a 图解 drawing a data set's chart.
    const charted = published.find((d) => d.charts.length > 0 && age(ctx, d.updatedAt) <= SIX_MONTHS);
    const graphic = (
      await repo.recentGraphics(ctx.db, ctx.siteId, new Date(ctx.now.getTime() - SIX_MONTHS).toISOString())
    )[0];
    if (charted || graphic) {
      const path = charted
        ? await pathOf(charted)
        : `${tree.byId.get(graphic!.columnId)?.path ?? '/'}${graphic!.contentId}.html`;
      findings.push({
        indicatorId: ID,
        subRule: 2,
        message: charted
          ? `数据集“${charted.metadata.title}”以${charted.charts.length}个图表展示数据（${shanghaiDate(charted.updatedAt)}更新）`
          : `图解“${graphic!.title}”以图表解读数据`,
        evidence: evidence(
          ctx,
          path,
          '监测时间点前6个月内以图表图解展现和解读数据',
          charted ? charted.charts.map((c) => c.title).join('、') : graphic!.title,
        ),
      });
    }

    // 3. Updated regularly, and its newest version really downloads (and answers through the API).
    const current = published.find((d) => regular(ctx, d));
    if (current) {
      const v = current.versions.at(-1)!;
      const working = await Promise.all(
        (['csv', 'xlsx', 'json'] as const).map((f) =>
          datasets.open.download(current.id, v.seq, f).then(
            (file) => file.body.length > 0,
            () => false,
          ),
        ),
      );
      const rows = await datasets.open.rows(current.id, { pageSize: 1 }).then(
        (r) => r.total === v.rowCount,
        () => false,
      );
      if (working.every(Boolean) && rows)
        findings.push({
          indicatorId: ID,
          subRule: 3,
          message: `数据集“${current.metadata.title}”${current.metadata.updateFrequency}更新（最新版本“${v.label}”），提供 CSV、XLSX、JSON 下载和数据接口`,
          evidence: evidence(
            ctx,
            await pathOf(current),
            '定期更新数据集，提供下载或数据接口',
            `共${current.versions.length}个版本，下载与接口可用`,
          ),
        });
    }
    return [{ indicatorId: ID, status: 'measured', findings }];
  };
}
