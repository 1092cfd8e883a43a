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
};
