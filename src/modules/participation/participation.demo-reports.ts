// Demo annual reports: last year's 政府信息公开工作年度报告 and 政府网站工作年度报表, generated from the demo's own
// records in mid-January (after every module has seeded its year), completed by the 综合处 as staff would (the
// narrative and Table 四 of the disclosure report, the 年度报表's fields no module records), reviewed under 附件3 and
// published before 31 January — the day the supervisors check the 年度报表 against.
import { createContext, type AppContext } from '../../context.ts';
import { MINUTE, ManualClock, shanghaiDate } from '../../platform/time.ts';
import type { DisclosureReportView } from '../annual-reports/annual-reports.schema.ts';
import { actAs } from './participation.demo.ts';

/** What the 综合处 enters by hand on the 年度报表: fields no module of the platform records. */
const WEBSITE_MANUAL = {
  serviceCatalogue: true,
  mediaArticles: 6,
  problemsFixed: 12,
  drills: true,
  securityOfficer: true,
  hasMedia: true,
  weiboName: '南江政务服务',
  weiboPosts: 412,
  weiboFollowers: 18_620,
  wechatName: '南江政务服务',
  wechatPosts: 356,
  wechatSubscribers: 42_310,
  otherMedia: '无',
  interviews: 4,
  interviewQuestions: 138,
  interviewAnswers: 131,
  smartQa: true,
  multilingual: false,
  innovationOther: '长者模式、办事指南结构化',
};

function overview(report: DisclosureReportView): string {
  const total = (row: string) => report.table3[row]?.at(-1) ?? 0;
  const made = report.table2.rules.made + report.table2.normative.made;
  return [
    `${report.year}年，${report.organ}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，`,
    `全年制发规章和行政规范性文件${made}件，通过门户网站主动公开政府信息；`,
    `新收政府信息公开申请${total('new')}件，上年结转${total('carried')}件，办结${total('handled')}件，`,
    `结转下年度继续办理${total('forward')}件，均在法定期限内答复。`,
  ].join('');
}

/**
 * Generates, completes and publishes last year's two reports on `siteId` at 10:00 on 15 January (or an hour
 * before `ctx`'s now when that is earlier in January); nothing when the year has only just begun.
 */
export async function seedDemoAnnualReports(ctx: AppContext, siteId: number): Promise<{ year: number } | null> {
  const now = ctx.clock.now();
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  const year = thisYear - 1;
  const planned = Date.parse(`${thisYear}-01-15T02:00:00.000Z`);
  const start = Math.min(planned, now.getTime() - 60 * MINUTE);
  // Reports are generated for a year that is over: on 1 January before midnight's hour there is no room.
  if (shanghaiDate(new Date(start)).slice(0, 4) !== String(thisYear)) return null;
  const clock = new ManualClock(new Date(start));
  const seed = await createContext(ctx.config, { dbh: ctx.dbh, clock, migrate: false });
  const editor = await actAs(seed, 'zh_bianji');
  const reviewer = await actAs(seed, 'zh_shenhe');
  const leader = await actAs(seed, 'zh_lingdao');
  const step = () => clock.set(new Date(clock.now().getTime() + 5 * MINUTE));
  const approve = async (requestId: number) => {
    step();
    await seed.review.decide(reviewer, requestId, { decision: '同意', opinion: '数据与台账一致，同意' });
    step();
    const done = await seed.review.decide(leader, requestId, { decision: '同意', opinion: '同意发布' });
    if (done.state !== 'approved') throw new Error('demo annual report not approved');
  };
  const { disclosureReport, websiteReport } = seed.participation;

  const generated = await disclosureReport.generate(editor, siteId, year);
  step();
  await disclosureReport.update(editor, siteId, year, {
    table4: { review: [1, 0, 0, 0, 1], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReview: [0, 0, 0, 0, 0] },
    narrative: {
      overview: overview(generated),
      problems:
        '一是政策解读形式还不够丰富，图解、视频解读占比不高；二是依申请公开答复文书的说理需进一步规范。下一步将加强解读产品制作，统一答复文书模板。',
      other: `本机关${year}年未收取信息处理费。`,
    },
  });
  step();
  await approve((await disclosureReport.submit(editor, siteId, year)).reviewRequestId);

  step();
  await websiteReport.generate(editor, siteId, year);
  step();
  await websiteReport.update(editor, siteId, year, { manual: WEBSITE_MANUAL });
  step();
  await approve((await websiteReport.submit(editor, siteId, year)).reviewRequestId);
  return { year };
}
