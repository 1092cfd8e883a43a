// The year's 监管工作年度考核 as a document, like the site reports: verdict and scores, a chart of the deductions
// (ECharts rendered to SVG on the server, with the same figures in the table), and every indicator with its status,
// points, reason and evidence — as printable HTML (no script) and as PDF.
import * as echarts from 'echarts';
import { FONT, FONT_BOLD, newPdf, wrapText } from '../../platform/pdf.ts';
import { chineseDate } from '../../platform/time.ts';
import type { AssessmentView, OfficeView } from './supervision.schema.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (n: number | null) => (n === null ? '—' : String(Math.round(n * 100) / 100));
const title = (view: AssessmentView) => `${view.year}年度政府网站与政务新媒体监管工作考核`;

/** The deductions chart as SVG: points lost, kept and not measured per indicator. */
export function deductionsSvg(view: AssessmentView): string {
  const rows = view.indicators.filter((i) => i.kind === 'deduction');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 40 + rows.length * 28 });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'sans-serif' },
    grid: { left: 96, right: 24, top: 28, bottom: 20 },
    legend: { top: 0, data: ['扣分', '未扣分', '未检测'] },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: [
      {
        name: '扣分',
        type: 'bar',
        stack: 'p',
        color: '#c9252c',
        data: rows.map((r) => (r.status === '未检测' ? 0 : (r.points ?? 0))),
      },
      {
        name: '未扣分',
        type: 'bar',
        stack: 'p',
        color: '#2f7d0b',
        data: rows.map((r) => (['未检测', '不检查'].includes(r.status) ? 0 : (r.maxPoints ?? 0) - (r.points ?? 0))),
      },
      {
        name: '未检测',
        type: 'bar',
        stack: 'p',
        color: '#bfbfbf',
        data: rows.map((r) => (r.status === '未检测' ? (r.maxPoints ?? 0) : 0)),
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export function assessmentHtml(view: AssessmentView, office: OfficeView): string {
  const rows = view.indicators
    .map((i) => {
      const points =
        i.maxPoints === null ? '—' : `${i.kind === 'bonus' ? '加' : '扣'} ${fmt(i.points ?? 0)} / ${fmt(i.maxPoints)}`;
      const basis = i.findings.length
        ? `<ul>${i.findings.map((f) => `<li>${esc(f.message)}</li>`).join('')}</ul>`
        : esc(i.reason ?? '记录中未发现问题');
      return `<tr class="s-${esc(i.status)}"><th scope="row">${esc(i.name)}</th><td>${esc(i.status)}</td><td>${points}</td><td>${basis}</td></tr>`;
    })
    .join('');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title(view))}</title>
<style>body{font:14px/1.6 sans-serif;margin:24px auto;max-width:960px;color:#1f1f1f}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #d9d9d9;padding:6px 8px;text-align:left;vertical-align:top}td ul{margin:0;padding-left:18px}
.s-未检测 td:nth-child(2){color:#874d00;font-weight:bold}.s-扣分 td:nth-child(2),.s-否决 td:nth-child(2){color:#c9252c;font-weight:bold}
.figures{display:flex;gap:32px}.figures div{font-size:13px}.figures strong{display:block;font-size:22px}</style></head><body>
<h1>${esc(title(view))}</h1>
<p>${esc(office.name)}　计算时间：${esc(chineseDate(view.computedAt))}${view.stateCouncil ? '　（国务院部门：扣分指标以90分为满分，结果乘以10/9）' : ''}</p>
<div class="figures"><div>结论<strong>${esc(view.verdict)}</strong></div><div>扣分指标得分<strong>${fmt(view.deductionScore)}</strong></div><div>加分<strong>${fmt(view.bonusScore)}</strong></div><div>总分<strong>${fmt(view.totalScore)}</strong></div></div>
${view.vetoReasons.length ? `<p><strong>单项否决：</strong>${esc(view.vetoReasons.join('；'))}</p>` : ''}
${view.untestedPoints > 0 ? `<p>有 ${fmt(view.untestedPoints)} 分的扣分指标未检测，未检测不等于通过，得分可能偏高。</p>` : ''}
<figure><figcaption>各扣分指标的扣分、未扣分与未检测分值（数据见下表）</figcaption>${deductionsSvg(view)}</figure>
<table><caption>指标明细</caption><thead><tr><th scope="col">指标</th><th scope="col">状态</th><th scope="col">分值</th><th scope="col">依据</th></tr></thead><tbody>${rows}</tbody></table>
<p>评分按《政府网站与政务新媒体监管工作年度考核指标》（国办秘函〔2019〕19号）：出现单项否决情形即不合格，不再评分；扣分指标每项扣分不超过该项分值，低于60分不合格，高于80分计入加分。</p>
</body></html>`;
}

export async function assessmentPdf(view: AssessmentView, office: OfficeView): Promise<Buffer> {
  const { doc, done } = newPdf({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: title(view) },
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
  write(title(view), 16, true);
  write(`${office.name}　${chineseDate(view.computedAt)}`, 10);
  write(
    `结论：${view.verdict}　扣分指标得分：${fmt(view.deductionScore)}　加分：${fmt(view.bonusScore)}　总分：${fmt(view.totalScore)}`,
    12,
    true,
  );
  if (view.vetoReasons.length) write(`单项否决：${view.vetoReasons.join('；')}`);
  if (view.untestedPoints > 0) write(`有 ${fmt(view.untestedPoints)} 分的扣分指标未检测，未检测不等于通过。`);
  doc.moveDown(0.5);
  for (const i of view.indicators) {
    const points =
      i.maxPoints === null ? '' : `（${i.kind === 'bonus' ? '加' : '扣'} ${fmt(i.points ?? 0)} / ${fmt(i.maxPoints)}）`;
    write(`${i.name}：${i.status}${points}`, 11, true);
    if (i.findings.length) for (const f of i.findings) write(`· ${f.message}`, 10);
    else if (i.reason) write(i.reason, 10);
  }
  doc.end();
  return done;
}
