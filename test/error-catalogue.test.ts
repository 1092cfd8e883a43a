// The error catalogue stays honest: every code is raised somewhere in src/, and docs/errors.md (the list API
// clients read) is what the catalogue says today.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ERRORS } from '../src/platform/errors.ts';
import { ERRORS_DOC, ERRORS_SOURCE, renderErrorsDoc } from '../scripts/errors-doc.ts';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '__sql__' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

test('every error code is used somewhere in src/', () => {
  const code = sourceFiles('src')
    .filter((f) => path.relative('.', f) !== path.normalize(ERRORS_SOURCE))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  // A general code that specific entries answer with on the wire (`code: 'NOT_FOUND'`) is in use through them.
  const wireCodes = new Set(Object.values(ERRORS).map((e) => ('code' in e ? e.code : null)));
  const unused = Object.keys(ERRORS).filter(
    (c) => !wireCodes.has(c as never) && !new RegExp(`['"\`]${c}['"\`]`).test(code),
  );
  assert.deepEqual(unused, [], 'codes nobody raises: remove them from the catalogue, or raise them');
});

test('every message placeholder is a plain {name}', () => {
  for (const [code, { message }] of Object.entries(ERRORS)) {
    const braces = message.match(/[{}]/g)?.length ?? 0;
    const placeholders = message.match(/\{\w+\}/g)?.length ?? 0;
    assert.equal(braces, placeholders * 2, `${code}: “${message}” has a brace that is not a {name} placeholder`);
  }
});

test(`${ERRORS_DOC} lists the catalogue as it is`, () => {
  const current = fs.existsSync(ERRORS_DOC) ? fs.readFileSync(ERRORS_DOC, 'utf8') : '';
  assert.ok(current === renderErrorsDoc(), `${ERRORS_DOC} is out of date: run npm run docs:errors`);
});
