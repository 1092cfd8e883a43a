// The 政府信息公开工作年度报告 as the body of its release (rich text within the content allow-list: headings,
// paragraphs, tables with merged header cells), laid out like 国办公开办函〔2021〕30号's format.
import {
  APPLICANT_TYPE_KEYS,
  APPLICANT_TYPES,
  DISPOSITIONS,
  DISPOSITION_GROUPS,
  DISPOSITION_KEYS,
  type DispositionGroup,
} from '../disclosure/disclosure-rules.ts';
import {
  type DisclosureNarrative,
  type DisclosureReportData,
  TABLE4_COLUMNS,
  type Table3Row,
} from './disclosure-report.ts';

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Paragraphs typed by staff: one <p> per line, escaped. */
export const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${esc(l)}</p>`)
    .join('');

const td = (n: number) => `<td>${n}</td>`;

function table2Html(data: DisclosureReportData): string {
  const t = data.table2;
  const docs = (label: string, r: { made: number; repealed: number; inForce: number }) =>
    `<tr><th scope="row">${label}</th>${td(r.made)}${td(r.repealed)}${td(r.inForce)}</tr>`;
  const one = (label: string, value: number | string) =>
    `<tr><th scope="row">${label}</th><td colspan="3">${value}</td></tr>`;
  return [
    '<table><caption>表二　主动公开政府信息情况</caption>',
    '<thead><tr><th scope="col" colspan="4">第二十条第（一）项</th></tr>',
    '<tr><th scope="col">信息内容</th><th scope="col">本年制发件数</th><th scope="col">本年废止件数</th><th scope="col">现行有效件数</th></tr></thead><tbody>',
    docs('规章', t.rules),
    docs('行政规范性文件', t.normative),
    '<tr><th scope="col" colspan="4">第二十条第（五）项</th></tr>',
    '<tr><th scope="col">信息内容</th><th scope="col" colspan="3">本年处理决定数量</th></tr>',
    one('行政许可', t.licensing),
    '<tr><th scope="col" colspan="4">第二十条第（六）项</th></tr>',
    '<tr><th scope="col">信息内容</th><th scope="col" colspan="3">本年处理决定数量</th></tr>',
    one('行政处罚', t.penalties),
    one('行政强制', t.enforcement),
    '<tr><th scope="col" colspan="4">第二十条第（八）项</th></tr>',
    '<tr><th scope="col">信息内容</th><th scope="col" colspan="3">本年收费金额（单位：万元）</th></tr>',
    one('行政事业性收费', t.feesTenThousand),
    '</tbody></table>',
  ].join('');
}

const GROUPS: DispositionGroup[] = ['public', 'partial', 'withheld', 'unavailable', 'not_processed', 'other'];

function table3Html(data: DisclosureReportData): string {
  const t = data.table3;
  const cells = (row: Table3Row) => t[row].map(td).join('');
  const orgs = APPLICANT_TYPE_KEYS.filter((k) => k !== 'person');
  const resultRows =
    GROUPS.reduce((n, g) => n + Math.max(1, DISPOSITION_KEYS.filter((d) => DISPOSITIONS[d].group === g).length), 0) + 1;
  const body: string[] = [
    `<tr><th scope="row" colspan="3">一、本年新收政府信息公开申请数量</th>${cells('new')}</tr>`,
    `<tr><th scope="row" colspan="3">二、上年结转政府信息公开申请数量</th>${cells('carried')}</tr>`,
  ];
  let first = true;
  for (const group of GROUPS) {
    const codes = DISPOSITION_KEYS.filter((d) => DISPOSITIONS[d].group === group);
    const lead = first ? `<th scope="rowgroup" rowspan="${resultRows}">三、本年度办理结果</th>` : '';
    first = false;
    if (group === 'public' || group === 'partial') {
      body.push(`<tr>${lead}<th scope="row" colspan="2">${DISPOSITION_GROUPS[group]}</th>${cells(codes[0]!)}</tr>`);
      continue;
    }
    codes.forEach((code, i) => {
      const groupCell =
        i === 0 ? `<th scope="rowgroup" rowspan="${codes.length}">${DISPOSITION_GROUPS[group]}</th>` : '';
      body.push(
        `<tr>${i === 0 ? lead : ''}${groupCell}<th scope="row">${DISPOSITIONS[code].label}</th>${cells(code)}</tr>`,
      );
    });
  }
  body.push(`<tr><th scope="row" colspan="2">（七）总计</th>${cells('handled')}</tr>`);
  body.push(`<tr><th scope="row" colspan="3">四、结转下年度继续办理</th>${cells('forward')}</tr>`);
  return [
    '<table><caption>表三　收到和处理政府信息公开申请情况</caption><thead>',
    '<tr><th scope="col" colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th scope="colgroup" colspan="7">申请人情况</th></tr>',
    `<tr><th scope="col" rowspan="2">自然人</th><th scope="colgroup" colspan="5">法人或其他组织</th><th scope="col" rowspan="2">总计</th></tr>`,
    `<tr>${orgs.map((k) => `<th scope="col">${APPLICANT_TYPES[k]}</th>`).join('')}</tr>`,
    '</thead><tbody>',
    ...body,
    '</tbody></table>',
  ].join('');
}

function table4Html(data: DisclosureReportData): string {
  const t = data.table4;
  const heads = TABLE4_COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('');
  return [
    '<table><caption>表四　政府信息公开行政复议、行政诉讼情况</caption><thead>',
    '<tr><th scope="colgroup" colspan="5" rowspan="2">行政复议</th><th scope="colgroup" colspan="10">行政诉讼</th></tr>',
    '<tr><th scope="colgroup" colspan="5">未经复议直接起诉</th><th scope="colgroup" colspan="5">复议后起诉</th></tr>',
    `<tr>${heads}${heads}${heads}</tr></thead><tbody>`,
    `<tr>${[...t.review, ...t.litigationDirect, ...t.litigationAfterReview].map(td).join('')}</tr>`,
    '</tbody></table>',
  ].join('');
}

export function disclosureReportHtml(data: DisclosureReportData, narrative: DisclosureNarrative): string {
  const fees = data.feesCollected > 0 ? `本年度共收取信息处理费${data.feesCollected}元。` : '本年度未收取信息处理费。';
  return [
    `<p>本报告由${esc(data.organ)}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。报告中所列数据的统计期限自${data.year}年1月1日起至${data.year}年12月31日止。</p>`,
    '<h2>一、总体情况</h2>',
    paragraphs(narrative.overview),
    '<h2>二、主动公开政府信息情况</h2>',
    table2Html(data),
    '<h2>三、收到和处理政府信息公开申请情况</h2>',
    table3Html(data),
    '<h2>四、政府信息公开行政复议、行政诉讼情况</h2>',
    table4Html(data),
    '<h2>五、存在的主要问题及改进情况</h2>',
    paragraphs(narrative.problems),
    '<h2>六、其他需要报告的事项</h2>',
    `<p>${fees}</p>`,
    paragraphs(narrative.other),
  ].join('\n');
}
