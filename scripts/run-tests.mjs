#!/usr/bin/env node
// Runs the test files with Node's own runner (through tsx), by tier. A file's tier is its suffix:
//
//   unit      *.test.ts (no other suffix)   logic and database tests (each file on its own fresh database)
//   http      *.http.test.ts                 routes through app.inject
//   workflow  *.workflow.test.ts             several users carrying one piece of work through its steps
//   quality   *.quality.test.ts              measured result quality (search) against a fixed query set
//   faults    *.faults.test.ts               kill -9, database restarts, full disks: real processes, one at a time
//   e2e       *.e2e.test.ts                  browser tests (chromium)
//
// `fast` = unit, http, workflow and quality: everything that runs in-process and in parallel. Fault tests stop
// processes and servers, so they never share the machine with other test files (concurrency 1) and are not part
// of `fast`. Default: every tier. `--list` prints the selected files instead of running them; file arguments
// run just those files; other --options go to Node's test runner (e.g. --test-reporter=dot,
// --test-name-pattern=…). Node 20's --test does not expand globs, hence the walk below.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const TIERS = ['unit', 'http', 'workflow', 'quality', 'faults', 'e2e'];
const GROUPS = { fast: ['unit', 'http', 'workflow', 'quality'], all: TIERS };

/** The tier of a test file, from its suffix. */
function tierOf(file) {
  const suffix = path.basename(file).match(/\.(http|workflow|quality|faults|e2e)\.test\.ts$/);
  return suffix ? suffix[1] : 'unit';
}

function find(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : find(full);
    return e.name.endsWith('.test.ts') ? [full] : [];
  });
}

function testFiles() {
  return [...find('src'), ...find('test')].sort();
}

function parse(argv) {
  const options = { tiers: 'all', list: false, files: [], nodeOptions: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tier') options.tiers = argv[++i] ?? '';
    else if (argv[i] === '--list') options.list = true;
    else if (argv[i].startsWith('--')) options.nodeOptions.push(argv[i]);
    else options.files.push(argv[i]);
  }
  return options;
}

function selectedTiers(names) {
  const tiers = new Set();
  for (const name of names.split(',').filter(Boolean)) {
    if (GROUPS[name]) for (const tier of GROUPS[name]) tiers.add(tier);
    else if (TIERS.includes(name)) tiers.add(name);
    else {
      console.error(`unknown tier “${name}”: use ${[...TIERS, ...Object.keys(GROUPS)].join(', ')} (comma-separated)`);
      process.exit(2);
    }
  }
  return tiers;
}

function run(files, concurrency, timeoutMs, nodeOptions) {
  if (files.length === 0) return 0;
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      `--test-timeout=${timeoutMs}`,
      ...nodeOptions,
      ...files,
    ],
    { stdio: 'inherit' },
  );
  return result.status ?? 1;
}

function main() {
  const options = parse(process.argv.slice(2));
  const tiers = selectedTiers(options.tiers);
  const files = options.files.length ? options.files : testFiles().filter((f) => tiers.has(tierOf(f)));
  if (options.list) {
    for (const f of files) console.log(`${tierOf(f).padEnd(8)} ${f}`);
    return 0;
  }
  if (files.length === 0) {
    // A tier nobody has written a file for yet (faults, at first) is not an error when asked for alone.
    console.log(`no test files in tier ${options.tiers}`);
    return 0;
  }
  // In-process tests get 5 minutes a file. A browser file walks many pages (axe on every console page takes
  // about 4 minutes on two cores): 10 minutes. Fault tests run real load for 90 s and restart servers, one at a
  // time: 20 minutes.
  const inProcess = files.filter((f) => !['faults', 'e2e'].includes(tierOf(f)));
  const browser = files.filter((f) => tierOf(f) === 'e2e');
  const alone = files.filter((f) => tierOf(f) === 'faults');
  const statuses = [
    run(inProcess, 2, 300_000, options.nodeOptions),
    run(browser, 2, 600_000, options.nodeOptions),
    run(alone, 1, 1_200_000, options.nodeOptions),
  ];
  return statuses.find((status) => status !== 0) ?? 0;
}

process.exit(main());
