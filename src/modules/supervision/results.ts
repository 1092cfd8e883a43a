// A quarter's published results: the body of the results page (sites checked, share of the registry, pass/fail,
// scores, each site's problems with links to the pages behind them), and the 通报 for the record as PDF and XLSX.
// Everything shown comes from the plan's items; nothing is typed by hand.
import ExcelJS from 'exceljs';
import { FONT, FONT_BOLD, newPdf, wrapText } from '../../platform/pdf.ts';
import { chineseDate } from '../../platform/time.ts';
import type { InspectionReport } from '../inspection/engine.ts';
import { findingKey } from '../inspection/inspection.service.ts';
import type { NewMediaResult } from './newmedia.ts';

export interface ProblemFinding {
  message: string;
  url: string | null;
  /** The finding's identity across runs (inspection.service findingKey): a re-check looks for it. */
  key: string;
}

export interface Problem {
  indicatorId: string;
  name: string;
  findings: ProblemFinding[];
}

/** What a plan item keeps of its check. */
export interface ItemResult {
  verdict: '合格' | '不合格';
  totalScore: number | null;
  deductionScore: number | null;
  untestedPoints: number;
  problems: Problem[];
  newMedia?: NewMediaResult;
}

export interface ResultRow {
  name: string;
  department: string;
  url: string;
  kind: 'website' | 'newmedia';
  status: string;
  result: ItemResult | null;
}

export interface ResultsSummary {
  title: string;
  office: string;
  year: number;
  quarter: number;
  websitesTotal: number;
  accountsTotal: number;
  rows: ResultRow[];
  generatedAt: string;
}

/** The problems of a site's report: the findings of vetoes and deductions, bonus points being no problem. */
export function problemsOf(report: InspectionReport): Problem[] {
  return report.indicators
    .filter((i) => i.kind !== 'bonus' && i.findings.length > 0)
    .map((i) => ({
      indicatorId: i.id,
      name: i.name,
      findings: i.findings.map((f) => ({
        message: f.message,
        url: ((f.evidence as { url?: unknown } | undefined)?.url as string | undefined) ?? null,
        key: findingKey(i.id, f),
      })),
    }));
}

export const resultsTitle = (year: number, quarter: number) =>
  `${year}年第${'一二三四'[quarter - 1]}季度政府网站和政务新媒体抽查情况通报`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((n / d) * 1000) / 10}%`);
const scoreText = (r: ItemResult | null) => ((r?.totalScore ?? null) === null ? '—' : String(r?.totalScore));

function counts(summary: ResultsSummary) {
  const websites = summary.rows.filter((r) => r.kind === 'website' && r.result);
  const accounts = summary.rows.filter((r) => r.kind === 'newmedia' && r.result);
  const failed = (rows: ResultRow[]) => rows.filter((r) => r.result?.verdict === '不合格').length;
  return { websites, accounts, failedWebsites: failed(websites), failedAccounts: failed(accounts) };
}

/** The results page's body: rich text the content module sanitises and the 附件3 review approves. */
export function resultsHtml(summary: ResultsSummary): string {
  const c = counts(summary);
  const siteRows = c.websites
    .map(
      (r, i) =>
        `<tr><td>${i + 1}</td><td><a href="${esc(r.url)}">${esc(r.name)}</a></td><td>${esc(r.department)}</td><td>${r.result?.verdict}</td><td>${scoreText(r.result)}</td><td>${r.result?.problems.reduce((n, p) => n + p.findings.length, 0) ?? 0}</td></tr>`,
    )
    .join('');
  const accountRows = c.accounts
    .map(
      (r, i) =>
        `<tr><td>${i + 1}</td><td><a href="${esc(r.url)}">${esc(r.name)}</a></td><td>${esc(r.department)}</td><td>${r.result?.verdict}</td><td>${esc(r.result?.newMedia?.newest ?? '未读出')}</td></tr>`,
    )
    .join('');
  const problems = summary.rows
    .filter((r) => r.result && r.result.problems.length > 0)
    .map(
      (r) =>
        `<h3>${esc(r.name)}</h3><ul>${r.result?.problems
          .flatMap((p) =>
            p.findings.map(
              (f) =>
                `<li>【${esc(p.name)}】${esc(f.message)}${f.url && /^https?:\/\//.test(f.url) ? `（<a href="${esc(f.url)}">问题页面</a>）` : ''}</li>`,
            ),
          )
          .join('')}</ul>`,
    )
    .join('');
  return [
    `<p>按照《政府网站与政务新媒体检查指标》和监管工作要求，${esc(summary.office)}于${summary.year}年第${'一二三四'[summary.quarter - 1]}季度对本地区、本部门政府网站和政务新媒体开展了抽查。现将有关情况通报如下。</p>`,
    '<h2>一、总体情况</h2>',
    `<p>本次共抽查政府网站${c.websites.length}个，占运行中政府网站总数（${summary.websitesTotal}个）的${pct(c.websites.length, summary.websitesTotal)}，其中合格${c.websites.length - c.failedWebsites}个、不合格${c.failedWebsites}个；抽查政务新媒体${c.accounts.length}个，占总数（${summary.accountsTotal}个）的${pct(c.accounts.length, summary.accountsTotal)}，其中不合格${c.failedAccounts}个。</p>`,
    '<h2>二、政府网站抽查结果</h2>',
    `<table><thead><tr><th scope="col">序号</th><th scope="col">网站名称</th><th scope="col">主办单位</th><th scope="col">结论</th><th scope="col">得分</th><th scope="col">问题数</th></tr></thead><tbody>${siteRows}</tbody></table>`,
    ...(c.accounts.length
      ? [
          '<h2>三、政务新媒体抽查结果</h2>',
          `<table><thead><tr><th scope="col">序号</th><th scope="col">账号名称</th><th scope="col">主办单位</th><th scope="col">结论</th><th scope="col">最近更新</th></tr></thead><tbody>${accountRows}</tbody></table>`,
        ]
      : []),
    `<h2>${c.accounts.length ? '四' : '三'}、发现的问题</h2>`,
    problems || '<p>本次抽查未发现问题。</p>',
    `<h2>${c.accounts.length ? '五' : '四'}、整改要求</h2>`,
    '<p>请有关单位自本通报公开之日起2周内完成整改，并通过监管平台反馈整改情况和佐证材料；逾期未整改或整改不到位的，将予以通报。</p>',
  ].join('\n');
}

// ───────────────────────────── 通报 as PDF and XLSX ─────────────────────────────

export async function resultsPdf(summary: ResultsSummary): Promise<Buffer> {
  const { doc, done } = newPdf({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: summary.title },
  });
  const width = doc.page.width - 112;
  const write = (text: string, size = 11, bold = false) => {
    doc.font(bold ? FONT_BOLD : FONT).fontSize(size);
    for (const line of wrapText(doc, text, width)) {
      if (doc.y > doc.page.height - 70) doc.addPage();
      doc.text(line, 56, doc.y, { lineBreak: false });
      doc.moveDown(0.35);
    }
  };
  write(summary.title, 16, true);
  write(`${summary.office}　${chineseDate(summary.generatedAt)}`, 10);
  doc.moveDown(0.5);
  const c = counts(summary);
  write(
    `抽查政府网站${c.websites.length}个（占${pct(c.websites.length, summary.websitesTotal)}），不合格${c.failedWebsites}个；抽查政务新媒体${c.accounts.length}个，不合格${c.failedAccounts}个。`,
  );
  doc.moveDown(0.5);
  for (const r of summary.rows) {
    if (!r.result) continue;
    write(
      `${r.name}（${r.department}）：${r.result.verdict}${r.kind === 'website' ? `，得分 ${scoreText(r.result)}` : ''}`,
      12,
      true,
    );
    write(r.url, 9);
    for (const p of r.result.problems)
      for (const f of p.findings) write(`· 【${p.name}】${f.message}${f.url ? `  ${f.url}` : ''}`, 10);
    doc.moveDown(0.4);
  }
  write('请有关单位自本通报公开之日起2周内完成整改并反馈整改情况。', 11);
  doc.end();
  return done;
}

export async function resultsXlsx(summary: ResultsSummary): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const overview = book.addWorksheet('抽查结果');
  overview.columns = [
    { header: '类别', width: 10 },
    { header: '名称', width: 30 },
    { header: '主办单位', width: 24 },
    { header: '网址', width: 40 },
    { header: '结论', width: 8 },
    { header: '得分', width: 8 },
    { header: '问题数', width: 8 },
  ];
  const problems = book.addWorksheet('问题清单');
  problems.columns = [
    { header: '名称', width: 30 },
    { header: '指标', width: 16 },
    { header: '问题', width: 60 },
    { header: '问题页面', width: 50 },
  ];
  for (const r of summary.rows) {
    if (!r.result) continue;
    const count = r.result.problems.reduce((n, p) => n + p.findings.length, 0);
    overview.addRow([
      r.kind === 'website' ? '政府网站' : '政务新媒体',
      r.name,
      r.department,
      r.url,
      r.result.verdict,
      r.result.totalScore,
      count,
    ]);
    for (const p of r.result.problems)
      for (const f of p.findings) problems.addRow([r.name, p.name, f.message, f.url ?? '']);
  }
  for (const sheet of [overview, problems]) sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
