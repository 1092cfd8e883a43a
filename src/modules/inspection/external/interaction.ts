// What a crawler can see of a site's 互动交流 on any site: a consultation channel's entry, the published messages and whether each shows 留言时间, 答复时间, 答复单位 and 答复内容
// (留言公开 sub-rules 1–2), how recent the newest reply is (sub-rule 3: within two months), whether a statistics
// page (受理反馈情况统计) is published (sub-rule 4), and published messages answered more than three months after
// they were left within the last year (互动回应差 sub-rule 2). Label wording varies between sites (回复 / 答复,
// 受理时间 / 留言时间, 处理单位 / 答复单位), so each field is recognised by its family of labels.
import { sample } from '../sampling.ts';
import type { HtmlPage } from '../crawler/site.ts';
import type { IndicatorResult } from '../scoring.ts';
import { type CheckContext, finding, measured, pageEvidence, untested } from './context.ts';
import { UNTESTED_REASONS } from './untested.ts';

const CHANNEL_LINK =
  /我要留言|我要写信|我要咨询|网上留言|留言板|领导信箱|局长信箱|主任信箱|咨询投诉|网上咨询|咨询建议|政民互动|互动交流/;
const STATS_TEXT = /留言(受理|办理)?(反馈)?情况?统计|受理反馈情况|答复率|办结率|留言统计/;

const FIELDS: { name: string; label: RegExp }[] = [
  { name: '留言时间', label: /(留言|来信|受理|提问|咨询)(时间|日期)/ },
  { name: '答复时间', label: /(答复|回复|办理|反馈)(时间|日期)/ },
  { name: '答复单位', label: /(答复|回复|办理|处理|承办)(单位|部门|机构)/ },
  { name: '答复内容', label: /(答复|回复|办理)(内容|意见|结果)|答复[：:]/ },
];

const DATE = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/;

/** The date printed right after a label (留言时间：2026-11-03 …), as yyyy-MM-dd. */
function dateAfter(text: string, label: RegExp): string | null {
  const m = new RegExp(`${label.source}[^\\d]{0,6}${DATE.source}`).exec(text);
  if (!m) return null;
  const [y, mo, d] = m.slice(-3);
  return `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

/** A page that is one published message: it names at least two of the fields (the rest may be missing). */
function isMessagePage(page: HtmlPage): boolean {
  const text = page.facts.mainText;
  return FIELDS.filter((f) => f.label.test(text)).length >= 2 && /留言|来信|咨询|投诉|建议/.test(text);
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export function checkInteraction(ctx: CheckContext): IndicatorResult[] {
  const pages = ctx.htmlPages;
  const channel = pages.flatMap((p) => p.facts.links).find((l) => CHANNEL_LINK.test(l.text));
  const messages = pages.filter((p) => p.fetch.status === 200 && isMessagePage(p));
  const stats = pages.find(
    (p) => STATS_TEXT.test(p.facts.mainText) || p.facts.links.some((l) => STATS_TEXT.test(l.text)),
  );
  const home = ctx.home;

  // Many sites send their visitors to a channel on another platform (a provincial 政民互动 site): finding none
  // in the crawl is not proof there is none, so the indicators stay open for an inspector.
  if (!channel && messages.length === 0)
    return [
      untested('veto.poor-interaction', UNTESTED_REASONS['veto.poor-interaction']!),
      untested('deduct.message-disclosure', UNTESTED_REASONS['deduct.message-disclosure']!),
    ];
  const veto = [];
  const yearAgo = new Date(ctx.now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  for (const page of messages) {
    const asked = dateAfter(page.facts.mainText, FIELDS[0]!.label);
    const answered = dateAfter(page.facts.mainText, FIELDS[1]!.label);
    if (asked && answered && asked >= yearAgo && days(asked, answered) > 92)
      veto.push(
        finding(
          'veto.poor-interaction',
          2,
          `留言（${asked}）超过 3 个月才答复（${answered}）`,
          pageEvidence(page, '3 个月内回应', `${days(asked, answered)} 天后答复`),
        ),
      );
  }

  const disclosure = [];
  if (messages.length === 0 && home)
    disclosure.push(
      finding(
        'deduct.message-disclosure',
        1,
        '没有找到公开的网民留言及答复',
        pageEvidence(home, '公开网民留言', `抓取的 ${pages.length} 个页面中没有留言答复页`),
      ),
    );
  for (const page of sample(messages, 5, ctx.options.seed ^ 0x5a17)) {
    const missing = FIELDS.filter((f) => !f.label.test(page.facts.mainText)).map((f) => f.name);
    for (const name of missing)
      disclosure.push(
        finding(
          'deduct.message-disclosure',
          2,
          `留言页面未公开${name}`,
          pageEvidence(page, `公开${name}`, '页面上没有'),
        ),
      );
  }
  const replyDates = messages
    .map((p) => dateAfter(p.facts.mainText, FIELDS[1]!.label) ?? p.facts.pubDate)
    .filter((d): d is string => d !== null)
    .sort();
  const newest = replyDates.at(-1) ?? null;
  if (messages.length && (!newest || !ctx.isWithin(newest, 61)))
    disclosure.push(
      finding(
        'deduct.message-disclosure',
        3,
        newest ? `最近一条公开的答复在 ${newest}，两个月内没有更新` : '公开的留言没有答复日期',
        pageEvidence(messages[0]!, '两个月内有新的答复', newest ?? '无日期'),
      ),
    );
  if (!stats && home && (channel || messages.length))
    disclosure.push(
      finding(
        'deduct.message-disclosure',
        4,
        '没有找到留言受理反馈情况统计',
        pageEvidence(home, '公开留言受理反馈情况统计数据', `抓取的 ${pages.length} 个页面中没有`),
      ),
    );

  return [measured('veto.poor-interaction', veto), measured('deduct.message-disclosure', disclosure)];
}
