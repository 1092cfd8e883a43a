// 政府网站监管年度报表 (报表通知 国办函〔2018〕12号): 抽查情况, 安全检查, 开设整合, “我为政府网站找错”留言办理,
// 假冒网站处置, 人员培训 — the figures from the supervisor's records, the rest as entered; published as a page.
export interface AnnualReportData {
  year: number;
  office: string;
  quarters: {
    quarter: number;
    checked: number;
    total: number;
    failed: number;
    accountsChecked: number;
    accountsFailed: number;
  }[];
  security: { checks: number };
  sites: { running: number; opened: number; closed: number; merged: number; accounts: number };
  errorReports: { received: number | null; closed: number | null; onTimeRate: number | null; note: string | null };
  counterfeit: number;
  training: { sessions: number; people: number };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const share = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((n / d) * 1000) / 10}%`);

export function annualReportHtml(data: AnnualReportData): string {
  const rows = data.quarters
    .map(
      (q) =>
        `<tr><td>第${'一二三四'[q.quarter - 1]}季度</td><td>${q.checked}</td><td>${share(q.checked, q.total)}</td><td>${q.failed}</td><td>${q.accountsChecked}</td><td>${q.accountsFailed}</td></tr>`,
    )
    .join('');
  const total = data.quarters.reduce(
    (t, q) => ({
      checked: t.checked + q.checked,
      failed: t.failed + q.failed,
      accounts: t.accounts + q.accountsChecked,
      accountsFailed: t.accountsFailed + q.accountsFailed,
    }),
    { checked: 0, failed: 0, accounts: 0, accountsFailed: 0 },
  );
  const errors = data.errorReports;
  return [
    `<p>${esc(data.office)}${data.year}年度政府网站监管工作情况如下。</p>`,
    '<h2>一、抽查情况</h2>',
    `<table><thead><tr><th scope="col">季度</th><th scope="col">抽查网站（个）</th><th scope="col">抽查比例</th><th scope="col">不合格网站（个）</th><th scope="col">抽查政务新媒体（个）</th><th scope="col">不合格政务新媒体（个）</th></tr></thead><tbody>${rows}<tr><td>全年</td><td>${total.checked}</td><td>—</td><td>${total.failed}</td><td>${total.accounts}</td><td>${total.accountsFailed}</td></tr></tbody></table>`,
    '<h2>二、安全检查</h2>',
    `<p>全年开展安全检查${data.security.checks}次。</p>`,
    '<h2>三、开设整合</h2>',
    `<p>年末运行政府网站${data.sites.running}个，全年新开设${data.sites.opened}个、关停${data.sites.closed}个、整合${data.sites.merged}个；运行政务新媒体${data.sites.accounts}个。</p>`,
    '<h2>四、“我为政府网站找错”留言办理</h2>',
    errors.received === null
      ? `<p>${esc(errors.note ?? '')}</p>`
      : `<p>收到网民留言${errors.received}条，办结${errors.closed}条，按期办结率${share(Math.round((errors.onTimeRate ?? 0) * 1000), 1000)}。</p>`,
    '<h2>五、假冒网站处置</h2>',
    `<p>全年处置假冒政府网站${data.counterfeit}个。</p>`,
    '<h2>六、人员培训</h2>',
    `<p>全年开展政府网站和政务新媒体人员培训${data.training.sessions}次，共${data.training.people}人次。</p>`,
  ].join('\n');
}
