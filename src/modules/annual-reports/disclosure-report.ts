// 政府信息公开工作年度报告 in the format of 国办公开办函〔2021〕30号: the six sections, Table 二 (主动公开), Table 三
// (依申请公开: new and carried-over applications, every result code by applicant type) and Table 四 (行政复议,
// 行政诉讼), and the consistency checks the format prints (一 + 二 = 三（七） + 四, row and column sums). Pure: the
// service feeds it the year's records.
import {
  APPLICANT_TYPE_KEYS,
  APPLICANT_TYPES,
  type ApplicantType,
  DISPOSITIONS,
  DISPOSITION_GROUPS,
  DISPOSITION_KEYS,
  type Disposition,
  type DispositionRule,
} from '../disclosure/disclosure-rules.ts';

// ───────────────────────────── Table 三 ─────────────────────────────

/** Table 三's columns: 自然人, the five kinds of 法人或其他组织, 总计. */
export const TABLE3_COLUMNS = [...APPLICANT_TYPE_KEYS, 'total'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];
export type Table3Row = 'new' | 'carried' | Disposition | 'handled' | 'forward';
export const TABLE3_ROWS: Table3Row[] = ['new', 'carried', ...DISPOSITION_KEYS, 'handled', 'forward'];
/** Each row: a count per column, 总计 last. */
export type Table3 = Record<Table3Row, number[]>;

export const TABLE3_ROW_LABELS: Record<'new' | 'carried' | 'handled' | 'forward', string> = {
  new: '一、本年新收政府信息公开申请数量',
  carried: '二、上年结转政府信息公开申请数量',
  handled: '（七）总计',
  forward: '四、结转下年度继续办理',
};

/** What Table 三 needs of an application: who applied, when it was received and answered, and how. */
export interface CountedApplication {
  applicantType: ApplicantType;
  receivedAt: string;
  answeredAt: string | null;
  disposition: Disposition | null;
}

export interface YearBounds {
  /** ISO instants: 1 January 00:00 of the year and of the next (Asia/Shanghai). */
  start: string;
  end: string;
}

export const yearBounds = (year: number): YearBounds => ({
  start: new Date(`${year}-01-01T00:00:00+08:00`).toISOString(),
  end: new Date(`${year + 1}-01-01T00:00:00+08:00`).toISOString(),
});

const emptyRow = () => TABLE3_COLUMNS.map(() => 0);

/** Table 三 counted from the applications: each application lands in exactly one result row or in 结转下年度. */
export function table3From(applications: CountedApplication[], bounds: YearBounds): Table3 {
  const table = Object.fromEntries(TABLE3_ROWS.map((r) => [r, emptyRow()])) as Table3;
  const add = (row: Table3Row, type: ApplicantType) => {
    table[row][APPLICANT_TYPE_KEYS.indexOf(type)]! += 1;
  };
  for (const a of applications) {
    if (a.receivedAt >= bounds.end) continue;
    if (a.answeredAt !== null && a.answeredAt < bounds.start) continue;
    add(a.receivedAt >= bounds.start ? 'new' : 'carried', a.applicantType);
    if (a.answeredAt !== null && a.answeredAt < bounds.end && a.disposition) {
      add(a.disposition, a.applicantType);
      add('handled', a.applicantType);
    } else add('forward', a.applicantType);
  }
  for (const row of TABLE3_ROWS) {
    const cells = table[row];
    cells[cells.length - 1] = cells.slice(0, -1).reduce((s, n) => s + n, 0);
  }
  return table;
}

export function table3RowLabel(row: Table3Row): string {
  if (row in TABLE3_ROW_LABELS) return TABLE3_ROW_LABELS[row as keyof typeof TABLE3_ROW_LABELS];
  const rule: DispositionRule = DISPOSITIONS[row as Disposition];
  return rule.group === 'public' || rule.group === 'partial' ? DISPOSITION_GROUPS[rule.group] : rule.label;
}

// ───────────────────────────── Table 二 and 四 ─────────────────────────────

export interface Table2 {
  /** 第二十条第（一）项: made this year, repealed this year, in force at year end. */
  rules: { made: number; repealed: number; inForce: number };
  normative: { made: number; repealed: number; inForce: number };
  /** 第二十条第（五）、（六）项: decisions this year (entered by staff). */
  licensing: number;
  penalties: number;
  enforcement: number;
  /** 第二十条第（八）项: fees collected this year, in 万元 (entered by staff). */
  feesTenThousand: number;
}

export interface PolicyFacts {
  docNumber: string;
  writtenDate: string | null;
  validity: string | null;
  validityDate: string | null;
}

/** Table 二's 规章 and 行政规范性文件 from the organ's own published documents (规章 are numbered as 令). */
export function table2Documents(policies: PolicyFacts[], year: number): Pick<Table2, 'rules' | 'normative'> {
  const count = (docs: PolicyFacts[]) => {
    const inYear = (d: string | null) => Boolean(d?.startsWith(String(year)));
    const madeBy = (d: PolicyFacts) => d.writtenDate !== null && d.writtenDate <= `${year}-12-31`;
    const ended = (d: PolicyFacts) =>
      (d.validity === '废止' || d.validity === '失效') && d.validityDate !== null && d.validityDate <= `${year}-12-31`;
    return {
      made: docs.filter((d) => inYear(d.writtenDate)).length,
      repealed: docs.filter((d) => (d.validity === '废止' || d.validity === '失效') && inYear(d.validityDate)).length,
      inForce: docs.filter((d) => madeBy(d) && !ended(d)).length,
    };
  };
  const isRule = (d: PolicyFacts) => /令/.test(d.docNumber);
  return { rules: count(policies.filter(isRule)), normative: count(policies.filter((d) => !isRule(d))) };
}

/** Table 四: 行政复议, then 行政诉讼 without and after 复议 — each 维持, 纠正, 其他, 尚未审结, 总计. */
export interface Table4 {
  review: number[];
  litigationDirect: number[];
  litigationAfterReview: number[];
}
export const TABLE4_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;
export const emptyTable4 = (): Table4 => ({
  review: [0, 0, 0, 0, 0],
  litigationDirect: [0, 0, 0, 0, 0],
  litigationAfterReview: [0, 0, 0, 0, 0],
});

// ───────────────────────────── the report ─────────────────────────────

export interface DisclosureReportData {
  year: number;
  organ: string;
  table2: Table2;
  table3: Table3;
  /** Table 三 as counted from the records, before any adjustment by staff. */
  table3Generated: Table3;
  table4: Table4;
  /** 信息处理费 actually collected in the year (元): reported under 六、其他需要报告的事项. */
  feesCollected: number;
}

export interface DisclosureNarrative {
  overview: string;
  problems: string;
  other: string;
}

/** The checks the format prints, in Chinese; empty when the report adds up. */
export function consistencyProblems(data: Pick<DisclosureReportData, 'table2' | 'table3' | 'table4'>): string[] {
  const problems: string[] = [];
  const t = data.table3;
  const last = TABLE3_COLUMNS.length - 1;
  const columnName = (i: number) => (i === last ? '总计' : APPLICANT_TYPES[APPLICANT_TYPE_KEYS[i]!]);
  for (const row of TABLE3_ROWS) {
    const cells = t[row];
    if (!cells || cells.length !== TABLE3_COLUMNS.length || cells.some((n) => !Number.isInteger(n) || n < 0)) {
      problems.push(`表三“${table3RowLabel(row)}”须为 ${TABLE3_COLUMNS.length} 个非负整数`);
      continue;
    }
    const sum = cells.slice(0, last).reduce((s, n) => s + n, 0);
    if (sum !== cells[last])
      problems.push(`表三“${table3RowLabel(row)}”各类申请人之和为${sum}，总计栏为${cells[last]}`);
  }
  if (problems.length) return problems;
  for (let c = 0; c <= last; c++) {
    const results = DISPOSITION_KEYS.reduce((s, d) => s + t[d][c]!, 0);
    if (results !== t.handled[c])
      problems.push(`表三“${columnName(c)}”栏：（一）至（六）之和为${results}，（七）总计为${t.handled[c]}`);
    const left = t.new[c]! + t.carried[c]!;
    const right = t.handled[c]! + t.forward[c]!;
    if (left !== right)
      problems.push(
        `表三“${columnName(c)}”栏：一（${t.new[c]}）+ 二（${t.carried[c]}）= ${left}，三（七）（${t.handled[c]}）+ 四（${t.forward[c]}）= ${right}，不相等`,
      );
  }
  for (const [key, label] of [
    ['review', '行政复议'],
    ['litigationDirect', '未经复议直接起诉'],
    ['litigationAfterReview', '复议后起诉'],
  ] as const) {
    const cells = data.table4[key];
    if (cells.some((n) => !Number.isInteger(n) || n < 0)) problems.push(`表四“${label}”须为非负整数`);
    else if (cells[0]! + cells[1]! + cells[2]! + cells[3]! !== cells[4])
      problems.push(`表四“${label}”：各项之和为${cells[0]! + cells[1]! + cells[2]! + cells[3]!}，总计为${cells[4]}`);
  }
  const { rules, normative } = data.table2;
  for (const [label, row] of [
    ['规章', rules],
    ['行政规范性文件', normative],
  ] as const)
    if ([row.made, row.repealed, row.inForce].some((n) => !Number.isInteger(n) || n < 0))
      problems.push(`表二“${label}”的件数须为非负整数`);
  return problems;
}
