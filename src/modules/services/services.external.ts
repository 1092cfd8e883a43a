// What an inspector's crawler can tell about the online services of any site (ours or not) from the pages it
// fetched: a page showing at least five of the ten key elements' labels is a 办事指南; on a seeded sample of them
// the missing labels (办事指南 sub-rule 2), vague wording (sub-rule 4) and forms without a download (表格样表) are
// found; five or more guides missing four or more elements are 服务不实用; a page listing several guides shows the
// items in one place (事项公开). Indicators nothing was seen for are left to the other sources.
import type { Finding, IndicatorResult } from '../inspection/scoring.ts';
import { type CheckContext, finding, measured, pageEvidence } from '../inspection/external/context.ts';
import { sample } from '../inspection/crawler/random.ts';
import type { HtmlPage } from '../inspection/crawler/site.ts';
import { KEY_ELEMENTS } from './guide.ts';
import { DEFAULT_VAGUE_WORDS, findVague } from './vague-words.ts';

/** A page showing this many key-element labels is taken for a guide. */
const GUIDE_LABELS = 5;
const FORM_WORDS = /申请表|申请书|登记表|申报表|备案表|表格/;
const DOWNLOAD = /\.(docx?|xlsx?|pdf|wps|et|ofd|zip)(\?|$)|\/files\/\d+\//i;

const labelsOn = (page: HtmlPage) => KEY_ELEMENTS.filter((label) => page.facts.mainText.includes(label));

export function guidePages(ctx: CheckContext): HtmlPage[] {
  return ctx.htmlPages.filter((p) => !ctx.isHome(p) && labelsOn(p).length >= GUIDE_LABELS);
}

export function checkServicesFromOutside(ctx: CheckContext): IndicatorResult[] {
  const guides = guidePages(ctx);
  if (guides.length === 0) return [];
  const byUrl = (p: HtmlPage) => p.fetch.url;
  const results: IndicatorResult[] = [];

  const guideFindings: Finding[] = [];
  for (const page of sample(guides, 5, ctx.randomFor('deduct.service-guides'), byUrl)) {
    const seen = labelsOn(page);
    for (const label of KEY_ELEMENTS.filter((l) => !seen.includes(l)))
      guideFindings.push(
        finding(
          'deduct.service-guides',
          2,
          `办事指南缺少“${label}”`,
          pageEvidence(page, `有“${label}”`, '页面上没有该要素'),
        ),
      );
    const vague = findVague(page.facts.mainText, DEFAULT_VAGUE_WORDS);
    if (vague.length)
      guideFindings.push(
        finding(
          'deduct.service-guides',
          4,
          `办事指南存在含糊表述：${[...new Set(vague.map((v) => v.word))].join('、')}`,
          pageEvidence(page, '表述明确', vague.map((v) => v.word).join('、')),
        ),
      );
  }
  results.push(measured('deduct.service-guides', guideFindings));

  const lacking = guides.filter((p) => KEY_ELEMENTS.length - labelsOn(p).length >= 4);
  if (lacking.length >= 5)
    results.push(
      measured('veto.impractical-services', [
        finding(
          'veto.impractical-services',
          2,
          `${lacking.length} 个办事指南缺失 4 类及以上重点要素`,
          pageEvidence(lacking[0], '少于 5 个', lacking.map((p) => p.facts.title).join('、')),
        ),
      ]),
    );

  const withForms = guides.filter((p) => FORM_WORDS.test(p.facts.mainText));
  const formFindings: Finding[] = sample(withForms, 2, ctx.randomFor('deduct.forms'), byUrl)
    .filter((p) => !p.facts.links.some((l) => DOWNLOAD.test(l.url) || /下载/.test(l.text)))
    .map((p) =>
      finding(
        'deduct.forms',
        1,
        '要求提供申请表等表单，但页面没有表格下载或获取渠道',
        pageEvidence(p, '提供规范表格下载', '没有下载链接'),
      ),
    );
  if (withForms.length) results.push(measured('deduct.forms', formFindings));

  const guideUrls = new Set(guides.flatMap((p) => [p.fetch.url, p.fetch.finalUrl]));
  const listing = ctx.htmlPages.find((p) => p.facts.links.filter((l) => guideUrls.has(l.url)).length >= 2);
  if (listing) results.push(measured('deduct.service-catalogue', []));
  return results;
}
