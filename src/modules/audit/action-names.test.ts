import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ACTION_NAMES } from './action-names.ts';

const SRC = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

// The audit administrator reads the log in Chinese: an action recorded without a name would show as a raw code.
test('every audited action written by the code has a Chinese name', () => {
  // Audit actions are namespaced (module.verb); a module's own event trail (e.g. a message's 'assign') is not audited.
  const literal = /action: '([a-z][a-zA-Z-]*\.[a-zA-Z.-]+)'|action: [a-z]+ \? '([a-z.-]+)' : '([a-z.-]+)'/g;
  const actions = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    for (const m of readFileSync(file, 'utf8').matchAll(literal)) for (const a of m.slice(1)) if (a) actions.add(a);
  }
  assert.ok(actions.size > 30, 'the scan finds the actions');
  const unnamed = [...actions].filter((a) => !(a in ACTION_NAMES));
  assert.deepEqual(unnamed, []);
});

test('review steps recorded as review.<step> have names', () => {
  for (const step of ['review.secrecy', 'review.dept', 'review.leader']) {
    if (!(step in ACTION_NAMES)) assert.fail(`no name for ${step}`);
  }
});
