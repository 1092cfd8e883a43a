// Writes docs/errors.md, the list of error codes an API client can receive, from the one error catalogue
// (src/platform/errors.ts): code, HTTP status, the Chinese message and its {parameters}. A comment line inside the
// catalogue (the module that owns the codes below it) becomes a section heading.
//   node --import tsx scripts/errors-doc.ts           writes the file (npm run docs:errors)
//   node --import tsx scripts/errors-doc.ts --check   fails if the file is not current
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ERRORS, type ErrorCode } from '../src/platform/errors.ts';

export const ERRORS_SOURCE = 'src/platform/errors.ts';
export const ERRORS_DOC = 'docs/errors.md';

interface Section {
  title: string;
  codes: ErrorCode[];
}

/** The catalogue's codes in their order, grouped under the comment lines that precede them. */
function sections(): Section[] {
  const text = fs.readFileSync(ERRORS_SOURCE, 'utf8');
  const source = ts.createSourceFile(ERRORS_SOURCE, text, ts.ScriptTarget.Latest, true);
  let literal: ts.ObjectLiteralExpression | undefined;
  source.forEachChild(function find(node): void {
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === 'ERRORS') {
      let init = node.initializer;
      while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) init = init.expression;
      if (init && ts.isObjectLiteralExpression(init)) literal = init;
    }
    node.forEachChild(find);
  });
  if (!literal) throw new Error(`${ERRORS_SOURCE}: no ERRORS object`);
  const out: Section[] = [{ title: '通用', codes: [] }];
  for (const property of literal.properties) {
    const comments = ts.getLeadingCommentRanges(text, property.pos) ?? [];
    // Only comments on lines of their own: a comment after a code on its line belongs to that code.
    const heading = comments
      .filter((c) => text.slice(text.lastIndexOf('\n', c.pos) + 1, c.pos).trim() === '')
      .map((c) => text.slice(c.pos, c.end).replace(/^\/\/\s*|^\/\*+\s*|\s*\*+\/$/g, ''))
      .filter(Boolean)
      .join(' ');
    if (heading) out.push({ title: heading, codes: [] });
    out[out.length - 1]!.codes.push(property.name!.getText(source) as ErrorCode);
  }
  return out.filter((s) => s.codes.length > 0);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => `\`${m[1]}\``);

export function renderErrorsDoc(): string {
  const lines = [
    '# 错误码',
    '',
    '接口出错时返回相应的 HTTP 状态码和 JSON：`{"error":{"code":"…","message":"…","details":…}}`。客户端按 `code`',
    '判断（代码稳定不变），`message` 是给用户看的中文说明，其中 `{参数}` 按具体情况填入；`details` 只在部分错误中出现',
    '（例如 `VALIDATION_FAILED` 的 `details.fields` 列出不符合要求的字段）。',
    '',
    `本页由 \`npm run docs:errors\` 从 \`${ERRORS_SOURCE}\` 生成，请勿手工修改；测试检查它与错误目录一致。`,
    '',
  ];
  for (const section of sections()) {
    lines.push(`## ${section.title}`, '', '| 代码 | HTTP 状态 | 说明 | 参数 |', '|---|---|---|---|');
    for (const code of section.codes) {
      const { status, message } = ERRORS[code];
      lines.push(`| \`${code}\` | ${status} | ${cell(message)} | ${placeholders(message).join('、') || '—'} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function main(): void {
  const text = renderErrorsDoc();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(ERRORS_DOC) && fs.readFileSync(ERRORS_DOC, 'utf8') === text;
    if (!current) console.error(`${ERRORS_DOC} is not current: run npm run docs:errors`);
    process.exitCode = current ? 0 : 1;
    return;
  }
  fs.mkdirSync('docs', { recursive: true });
  fs.writeFileSync(ERRORS_DOC, text);
  console.log(`wrote ${ERRORS_DOC} (${Object.keys(ERRORS).length} codes)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
