#!/usr/bin/env node
// Builds the admin console (admin/ → dist/admin/) with Vite's JS API.
//   node scripts/build-admin.mjs           skip when dist/admin/index.html is newer than every file in admin/
//   node scripts/build-admin.mjs --force   always build
// Runs on `npm ci` / `npm install` (the "prepare" script), so it must never break an install without
// devDependencies: when Vite is not installed it only warns. A failed build exits non-zero.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const adminDir = path.join(projectRoot, 'admin');
const outIndex = path.join(projectRoot, 'dist', 'admin', 'index.html');
const configFile = path.join(adminDir, 'vite.config.ts');
const force = process.argv.includes('--force');
// Server files the console bundles (plain constants and the Asia/Shanghai time helpers), which count as build
// inputs too. The console's type-only imports of the servers' schema files are checked by the typecheck and
// leave nothing in the bundle.
const SHARED_INPUTS = [
  'src/modules/audit/action-names.ts',
  'src/modules/columns/column-types.ts',
  'src/modules/content/content-types.ts',
  'src/platform/auth/roles.ts',
  'src/platform/errors.ts',
  'src/platform/time.ts',
].map((f) => path.join(projectRoot, f));
const rel = (p) => path.relative(projectRoot, p) || '.';

/** Latest modification time of any file under `dir` (0 when empty). */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

if (!existsSync(configFile)) {
  console.log(`build-admin: ${rel(configFile)} not found, nothing to build`);
  process.exit(0);
}

const newestInput = () =>
  Math.max(newestMtime(adminDir), ...SHARED_INPUTS.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));

if (!force && existsSync(outIndex) && statSync(outIndex).mtimeMs > newestInput()) {
  console.log(`build-admin: ${rel(outIndex)} is up to date, build skipped (use --force to rebuild)`);
  process.exit(0);
}

let vite;
try {
  vite = await import('vite');
} catch (err) {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && /['"]vite['"]/.test(String(err.message))) {
    console.warn(
      'build-admin: warning: vite is not installed (install without devDependencies?), admin console not built',
    );
    process.exit(0);
  }
  throw err;
}

const started = Date.now();
try {
  await vite.build({ configFile, logLevel: 'error' });
} catch (err) {
  console.error(`build-admin: admin console build failed: ${err?.stack ?? err}`);
  process.exit(1);
}
console.log(
  `build-admin: built admin console into ${rel(path.dirname(outIndex))}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
