// Table 三 of a fixture year counted by hand, cell by cell, against the generated table; and the format's checks
// refusing a table that does not add up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type CountedApplication,
  TABLE3_ROWS,
  consistencyProblems,
  emptyTable4,
  table2Documents,
  table3From,
  yearBounds,
} from './disclosure-report.ts';

const at = (day: string) => new Date(`${day}T10:00:00+08:00`).toISOString();
const app = (
  applicantType: CountedApplication['applicantType'],
  received: string,
  answered: string | null,
  disposition: CountedApplication['disposition'] = null,
): CountedApplication => ({
  applicantType,
  receivedAt: at(received),
  answeredAt: answered ? at(answered) : null,
  disposition,
});

/** The fixture year 2025: twelve applications, two outside it. */
export const FIXTURE: CountedApplication[] = [
  app('person', '2024-12-20', '2025-01-10', 'public'), // carried over, answered
  app('person', '2024-11-01', '2024-12-01', 'public'), // answered the year before: not counted
  app('business', '2024-12-28', null), // carried over, carried forward
  app('person', '2025-03-01', '2025-03-20', 'partial'),
  app('person', '2025-05-05', '2025-05-30', 'withheld.third_party'),
  app('research', '2025-06-01', '2025-06-28', 'unavailable.not_held'),
  app('legal_service', '2025-07-01', '2025-07-15', 'not_processed.repeat'),
  app('public_welfare', '2025-08-01', '2025-09-01', 'other.no_correction'),
  app('other_org', '2025-12-25', null), // new, carried forward
  app('person', '2025-12-30', '2026-01-05', 'public'), // new, answered next year: carried forward
  app('person', '2026-01-02', null), // next year: not counted
  app('business', '2025-02-01', '2025-02-10', 'public'),
];

//                  自然人 商业 科研 公益 法律 其他 总计
const HAND: Record<string, number[]> = {
  new: [3, 1, 1, 1, 1, 1, 8],
  carried: [1, 1, 0, 0, 0, 0, 2],
  public: [1, 1, 0, 0, 0, 0, 2],
  partial: [1, 0, 0, 0, 0, 0, 1],
  'withheld.third_party': [1, 0, 0, 0, 0, 0, 1],
  'unavailable.not_held': [0, 0, 1, 0, 0, 0, 1],
  'not_processed.repeat': [0, 0, 0, 0, 1, 0, 1],
  'other.no_correction': [0, 0, 0, 1, 0, 0, 1],
  handled: [3, 1, 1, 1, 1, 0, 7],
  forward: [1, 1, 0, 0, 0, 1, 3],
};

test('Table 三 of the fixture year equals the hand count, cell by cell', () => {
  const table = table3From(FIXTURE, yearBounds(2025));
  for (const row of TABLE3_ROWS) assert.deepEqual(table[row], HAND[row] ?? [0, 0, 0, 0, 0, 0, 0], row);
  const table2 = table2Documents([], 2025);
  assert.deepEqual(
    consistencyProblems({
      table2: { ...table2, licensing: 0, penalties: 0, enforcement: 0, feesTenThousand: 0 },
      table3: table,
      table4: emptyTable4(),
    }),
    [],
  );
});

test('an inconsistent report is refused with the checks the format prints', () => {
  const table = table3From(FIXTURE, yearBounds(2025));
  const table2 = { ...table2Documents([], 2025), licensing: 0, penalties: 0, enforcement: 0, feesTenThousand: 0 };
  // One more 予以公开 for 自然人 entered by hand: the row sum, the results total and 一+二=三+四 all break.
  const wrong = { ...table, public: [2, 1, 0, 0, 0, 0, 3] };
  const problems = consistencyProblems({ table2, table3: wrong, table4: emptyTable4() });
  assert.ok(
    problems.some((p) => p.includes('“自然人”栏：（一）至（六）之和为4，（七）总计为3')),
    problems.join('\n'),
  );
  assert.ok(problems.some((p) => p.includes('“总计”栏')));
  // A total that is not the sum of its row.
  const badTotal = { ...table, new: [3, 1, 1, 1, 1, 1, 9] };
  assert.match(
    consistencyProblems({ table2, table3: badTotal, table4: emptyTable4() })[0]!,
    /各类申请人之和为8，总计栏为9/,
  );
  const table4 = { ...emptyTable4(), review: [1, 0, 0, 0, 2] };
  assert.match(consistencyProblems({ table2, table3: table, table4 }).join(), /行政复议.*各项之和为1，总计为2/);
});

test('Table 二 counts the organ’s documents made, repealed and in force by their dates', () => {
  const docs = [
    { docNumber: '南政务办发〔2025〕12号', writtenDate: '2025-03-01', validity: '有效', validityDate: null },
    { docNumber: '南政务办发〔2024〕7号', writtenDate: '2024-05-01', validity: '废止', validityDate: '2025-06-30' },
    { docNumber: '南政务办发〔2023〕3号', writtenDate: '2023-05-01', validity: '有效', validityDate: null },
    { docNumber: '南江市人民政府令第38号', writtenDate: '2025-09-01', validity: '有效', validityDate: null },
    { docNumber: '南政务办发〔2026〕1号', writtenDate: '2026-01-05', validity: '有效', validityDate: null },
  ];
  const t = table2Documents(docs, 2025);
  assert.deepEqual(t.normative, { made: 1, repealed: 1, inForce: 2 });
  assert.deepEqual(t.rules, { made: 1, repealed: 0, inForce: 1 });
});
