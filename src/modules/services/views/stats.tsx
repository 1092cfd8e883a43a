// 办事统计 and the 好差评 results on the public site: ECharts drawn on the server as SVG, each with its words and
// its data table, and the full tables per month, department and item, readable without JavaScript.
import { renderChart } from '../../../platform/charts.ts';
import type { StatsView } from '../service-stats.schema.ts';

/** A chart rendered by platform/charts.ts: its text is escaped there, its SVG made CSP-safe. */
function Chart({ markup }: { markup: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: renderChart escapes every text it writes
  return <div dangerouslySetInnerHTML={{ __html: markup }} />;
}
const rate = (v: number | null) => (v === null ? '—' : `${v}%`);
const days = (v: number | null) => (v === null ? '—' : String(v));
export const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

type Row = StatsView['total'];

function Cells({ r }: { r: Row }) {
  return (
    <>
      <td>{r.received}</td>
      <td>{r.accepted}</td>
      <td>{r.rejected}</td>
      <td>{r.completed}</td>
      <td>{rate(r.onTimeRate)}</td>
      <td>{days(r.averageDays)}</td>
    </>
  );
}

function StatsTable({ caption, first, rows }: { caption: string; first: string; rows: { label: string; r: Row }[] }) {
  return (
    <div className="table-scroll">
      <table className="svc-stats">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">收件数</th>
            <th scope="col">受理数</th>
            <th scope="col">不予受理数</th>
            <th scope="col">办结数</th>
            <th scope="col">按时办结率</th>
            <th scope="col">平均办理工作日</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ label, r }) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <Cells r={r} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatsBody({ stats }: { stats: StatsView }) {
  if (stats.months.length === 0) return <p className="empty-state">暂无办件统计数据。</p>;
  const chart = renderChart(
    {
      kind: 'bar',
      title: '各月收件与办结情况',
      categories: stats.byMonth.map((m) => monthLabel(m.month)),
      series: [
        { name: '收件数', values: stats.byMonth.map((m) => m.received) },
        { name: '办结数', values: stats.byMonth.map((m) => m.completed) },
      ],
      categoryName: '月份',
      unit: '件',
      source: '本站在线办件记录',
    },
    { id: 'svc-chart-months' },
  );
  const onTime = renderChart(
    {
      kind: 'line',
      title: '各月按时办结率',
      categories: stats.byMonth.map((m) => monthLabel(m.month)),
      series: [{ name: '按时办结率', values: stats.byMonth.map((m) => m.onTimeRate) }],
      categoryName: '月份',
      unit: '%',
      source: '本站在线办件记录',
    },
    { id: 'svc-chart-ontime' },
  );
  return (
    <>
      <p>
        统计期内共收件 {stats.total.received} 件，受理 {stats.total.accepted} 件，办结 {stats.total.completed}{' '}
        件，按时办结率 {rate(stats.total.onTimeRate)}，平均办理 {days(stats.total.averageDays)} 个工作日。
      </p>
      <Chart markup={chart.html} />
      <Chart markup={onTime.html} />
      <StatsTable
        caption="按月份统计"
        first="月份"
        rows={[...stats.byMonth.map((m) => ({ label: monthLabel(m.month), r: m })), { label: '合计', r: stats.total }]}
      />
      <StatsTable
        caption="按部门统计"
        first="部门"
        rows={stats.byDepartment.map((d) => ({ label: d.departmentName, r: d }))}
      />
      <StatsTable caption="按事项统计" first="事项" rows={stats.byItem.map((i) => ({ label: i.itemName, r: i }))} />
      <p className="svc-note">
        说明：收件数按提交月份统计，受理数按受理月份统计，办结数、按时办结率和平均办理工作日按办结月份统计；办理工作日自受理次日起按法定工作日计算，补正期间不计入。
      </p>
    </>
  );
}

export function RatingsBody({ stats }: { stats: StatsView }) {
  const months = stats.ratings.filter((m) => m.total > 0);
  if (months.length === 0) return <p className="empty-state">暂无评价数据。</p>;
  const latest = months[months.length - 1];
  const pie = renderChart(
    {
      kind: 'pie',
      title: `${monthLabel(latest.month)}评价等级分布`,
      categories: latest.levels.map((l) => l.name),
      series: [{ name: '评价数', values: latest.levels.map((l) => l.count) }],
      unit: '件',
      source: '本站“好差评”记录',
    },
    { id: 'svc-chart-levels' },
  );
  const trend = renderChart(
    {
      kind: 'line',
      title: '各月满意率',
      categories: months.map((m) => monthLabel(m.month)),
      series: [{ name: '满意率', values: months.map((m) => m.satisfaction) }],
      categoryName: '月份',
      unit: '%',
      source: '本站“好差评”记录',
    },
    { id: 'svc-chart-satisfaction' },
  );
  return (
    <>
      <p>
        评价按国家“好差评”五级标准（非常满意、满意、基本满意、不满意、非常不满意）进行；不满意、非常不满意为差评，差评由办理部门核实整改并回访评价人。满意率为非常满意、满意、基本满意之和占评价总数的比例。
      </p>
      <Chart markup={pie.html} />
      <Chart markup={trend.html} />
      <div className="table-scroll">
        <table className="svc-stats">
          <caption>各月“好差评”结果</caption>
          <thead>
            <tr>
              <th scope="col">月份</th>
              {latest.levels.map((l) => (
                <th key={l.level} scope="col">
                  {l.name}
                </th>
              ))}
              <th scope="col">评价总数</th>
              <th scope="col">满意率</th>
              <th scope="col">差评数</th>
              <th scope="col">已整改</th>
              <th scope="col">已回访</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthLabel(m.month)}</th>
                {m.levels.map((l) => (
                  <td key={l.level}>{l.count}</td>
                ))}
                <td>{m.total}</td>
                <td>{rate(m.satisfaction)}</td>
                <td>{m.bad}</td>
                <td>{m.rectified}</td>
                <td>{m.revisited}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
