#!/usr/bin/env node
// Runs the test files with Node's own runner (through tsx). Tiers: `e2e` = *.e2e.test.ts (browser),
// `fast` = every other test (unit, database, HTTP). Default: all. Node 20's --test does not expand globs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const tierArg = args.includes('--tier') ? args[args.indexOf('--tier') + 1] : 'fast,e2e';
const tiers = new Set(tierArg.split(','));
const extra = args.filter((a, i) => a !== '--tier' && args[i - 1] !== '--tier');

function find(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : find(full);
    return e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const all = [...find('src'), ...find('test')].sort();
const unknown = [...tiers].filter((t) => t !== 'fast' && t !== 'e2e' && t !== 'faults');
if (unknown.length) {
  console.error(`unknown tier ${unknown.join(', ')}: use fast, e2e, faults or a comma-separated list`);
  process.exit(1);
}
const tierOf = (f) => (f.endsWith('.e2e.test.ts') ? 'e2e' : f.endsWith('.faults.test.ts') ? 'faults' : 'fast');
const files = extra.length ? extra : all.filter((f) => tiers.has(tierOf(f)));
if (files.length === 0) {
  console.error('no test files selected');
  process.exit(1);
}
// Fault tests start servers, restart PostgreSQL and load the machine: one at a time, with more time.
const faultsOnly = tiers.size === 1 && tiers.has('faults');
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${faultsOnly ? 1 : 2}`,
    `--test-timeout=${faultsOnly ? 1_200_000 : 300_000}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
