#!/usr/bin/env node
// The inspection fixture sites (test/fixtures/sites/<name>/) are generated from one template; the committed files
// must be exactly what the generator writes today, or the golden tests check pages nobody can regenerate.
// Regenerates them into a temporary directory and fails, naming each file, if the committed ones differ.
// Hand-written files (expected.json, the TypeScript beside the sites) are not generated and not compared.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SITES = 'test/fixtures/sites';
const HAND_WRITTEN = new Set(['expected.json']);

function files(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(prefix, e.name);
    if (e.isDirectory()) return files(path.join(dir, e.name), rel);
    return HAND_WRITTEN.has(e.name) ? [] : [rel];
  });
}

function check(out) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(SITES, 'generate.ts'), out], {
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    console.error('the fixture site generator failed');
    return 1;
  }
  const problems = [];
  for (const site of fs.readdirSync(out).sort()) {
    const generated = files(path.join(out, site));
    const committedDir = path.join(SITES, site);
    const committed = fs.existsSync(committedDir) ? files(committedDir) : [];
    for (const file of generated) {
      const target = path.join(committedDir, file);
      if (!fs.existsSync(target)) problems.push(`missing   ${target}`);
      else if (!fs.readFileSync(target).equals(fs.readFileSync(path.join(out, site, file))))
        problems.push(`differs   ${target}`);
    }
    for (const file of committed) {
      if (!generated.includes(file)) problems.push(`not made  ${path.join(committedDir, file)}`);
    }
  }
  if (problems.length) {
    console.error(`the committed fixture sites differ from what ${SITES}/generate.ts writes:`);
    for (const p of problems) console.error(`  ${p}`);
    console.error(`regenerate them with: node --import tsx ${SITES}/generate.ts (and commit the result)`);
    return 1;
  }
  console.log(`fixture sites: ${fs.readdirSync(out).length} sites match their generator`);
  return 0;
}

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-fixture-sites-'));
const status = check(out);
fs.rmSync(out, { recursive: true, force: true });
process.exit(status);
