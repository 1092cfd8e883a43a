// What the inspection engine learns about 调查征集 (bonus.surveys) from inside: the online channel and the
// activities held in the year before the inspection (surveys and solicitations whose period started in it: at
// least 6 gain 2 points), and whether every one that ended had its result public within a month of closing
// (a survey's results page opens at closing; a solicitation needs its adoption report published in 意见反馈).
import type { InternalCheck, InternalCheckContext } from '../inspection/internal/internal-checks.ts';
import type { Finding } from '../inspection/scoring.ts';
import { DAY, shanghaiDate } from '../../platform/time.ts';
import type { SurveysService } from '../surveys/surveys.service.ts';
import type { SolicitationsService } from '../solicitations/solicitations.service.ts';

const INDICATOR = 'bonus.surveys';
/** 监测时间点前1年内开展活动超过（含）6次. */
export const MIN_ACTIVITIES = 6;
const YEAR = 365 * DAY;

interface Activity {
  kind: '公众调查' | '意见征集';
  title: string;
  path: string;
  closesAt: string;
  ended: boolean;
  /** Feedback published within a month of closing; null while that month still runs without it. */
  feedbackOnTime: boolean | null;
}

const evidence = (ctx: InternalCheckContext, path: string, expected: string, observed: string) => ({
  url: ctx.url(path),
  expected,
  observed,
  at: ctx.now.toISOString(),
  source: 'internal',
});

async function activities(
  ctx: InternalCheckContext,
  surveys: SurveysService,
  solicitations: SolicitationsService,
): Promise<Activity[]> {
  const since = new Date(ctx.now.getTime() - YEAR).toISOString();
  const now = ctx.now.toISOString();
  const today = shanghaiDate(ctx.now);
  const inYear = (s: { status: string; opensAt: string }) =>
    s.status === 'released' && s.opensAt >= since && s.opensAt <= now;
  const out: Activity[] = [];
  for (const s of (await surveys.list(ctx.siteId)).filter(inYear))
    out.push({
      kind: '公众调查',
      title: s.title,
      path: `/survey/${s.id}/results`,
      closesAt: s.closesAt,
      ended: s.closesAt <= now,
      // The results are public from the moment the survey closes.
      feedbackOnTime: s.closesAt <= now ? true : null,
    });
  for (const s of (await solicitations.list(ctx.siteId)).filter(inYear)) {
    const ended = s.closesAt <= now;
    const published = s.feedbackPublishedAt ? shanghaiDate(s.feedbackPublishedAt) <= s.feedbackDue : false;
    out.push({
      kind: '意见征集',
      title: s.title,
      path: `/solicitation/${s.id}`,
      closesAt: s.closesAt,
      ended,
      feedbackOnTime: !ended ? null : published ? true : today > s.feedbackDue ? false : null,
    });
  }
  return out;
}

export function participationChecks(surveys: SurveysService, solicitations: SolicitationsService): InternalCheck[] {
  const surveysCheck: InternalCheck = async (ctx) => {
    const list = await activities(ctx, surveys, solicitations);
    const findings: Finding[] = [];
    const names = list.map((a) => `${a.kind}“${a.title}”`).join('、') || '无';
    if (list.length >= MIN_ACTIVITIES)
      findings.push({
        indicatorId: INDICATOR,
        subRule: 1,
        message: `提供在线调查征集渠道，近1年开展调查征集活动 ${list.length} 次`,
        evidence: evidence(ctx, list[0]!.path, `近1年不少于 ${MIN_ACTIVITIES} 次`, names),
      });
    const ended = list.filter((a) => a.ended);
    const late = ended.filter((a) => a.feedbackOnTime === false);
    if (ended.length > 0 && late.length === 0 && list.length > 0)
      findings.push({
        indicatorId: INDICATOR,
        subRule: 2,
        message: `近1年结束的 ${ended.length} 次调查征集活动均在结束后1个月内公开反馈结果`,
        evidence: evidence(ctx, ended[0]!.path, '结束后1个月内公开反馈', `${ended.length} 次均已按期反馈`),
      });
    return [{ indicatorId: INDICATOR, status: 'measured', findings }];
  };
  return [surveysCheck];
}
