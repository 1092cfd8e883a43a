// Arguments for repository functions whose synthesised arguments (see capture.ts) miss a query worth reviewing:
// `<repository>.<function>` → the argument lists after the database, each with a label shown in the snapshot.
// A key that names no exported repository function fails the snapshot test, so renamed functions are noticed.
export interface Case {
  label: string;
  args: unknown[];
}

export const CASES: Record<string, Case[]> = {
  'index.bulkWrites': [
    { label: 'start', args: ['start'] },
    { label: 'end', args: ['end'] },
  ],
  // The audit log's target names: one query per kind of target for a page of records.
  'target-names.userNames': [{ label: 'two users', args: [['3', '4']] }],
  'target-names.departmentNames': [{ label: 'two departments', args: [['1', '2']] }],
  'target-names.columnNames': [{ label: 'two columns', args: [['1', '2']] }],
  'target-names.siteNames': [{ label: 'one site', args: [['1']] }],
  'target-names.contentTitles': [{ label: 'two items', args: [['5', '6']] }],
  'target-names.datasetTitles': [{ label: 'one data set', args: [['1']] }],
};
