// Pre-publish checks: run when an editor submits an item for review and again just before publication.
// Pure: no database, no clock except the birth-date bound of ID numbers (options.today).
//
// Every text check runs on every field (title, subtitle, summary, body text, each attachment's text); the link
// and image checks on the body HTML. An attachment whose text could not be extracted (or only partly) gets a
// warn finding `attachment-unchecked` first, so the reviewer knows what no rule has read. Blocking rules:
//   - forbidden words block and cannot be confirmed away: the text must change;
//   - the other block findings (leader posts, personal data) block until a reviewer confirms their key;
//   - warn findings never block.
// A finding's key has no offset in it, so a confirmation given at review still holds before publication when
// the text around it was edited; it covers every occurrence of the same value in the same field.
import { createHash } from 'node:crypto';
import { findErrorProneWords, findForbiddenWords } from './dictionaries.ts';
import { findLeaderPostMismatches } from './leaders.ts';
import { findLinkProblems } from './links.ts';
import { findPersonalData, maskDigits, maskPersonalData, normalizeDigits } from './personal-data.ts';
import type { CheckContext, CheckInput, CheckKind, CheckResult, FieldName, Finding, Hit } from './prepublish.schema.ts';
import { excerptAt, extractText } from './text.ts';

const CHECK_ORDER: readonly CheckKind[] = [
  'attachment-unchecked',
  'forbidden-word',
  'leader-post',
  'id-number',
  'mobile',
  'bank-card',
  'error-prone',
  'broken-link',
  'image-alt',
];
const PERSONAL: ReadonlySet<CheckKind> = new Set(['id-number', 'mobile', 'bank-card']);

export interface PrepublishOptions {
  /** Latest plausible birth date of an ID number (default: now). */
  today?: Date;
}

/**
 * `${check}:${field}:${match}`. For personal data the value is replaced by its masked digits and 8 hex digits
 * of the SHA-256 of its digits (separators and a mobile's +86 ignored, so 138-1234-5678 and 13812345678 share
 * the key): stored confirmations and audit records then do not show the number in clear. The number space is
 * small, so this keeps the value out of sight, it does not make it secret.
 */
export function findingKey(hit: Pick<Hit, 'check' | 'match'>, field: FieldName): string {
  if (!PERSONAL.has(hit.check)) return `${hit.check}:${field}:${hit.match}`;
  let digits = normalizeDigits(hit.match)
    .replace(/[^\dXx]/g, '')
    .toUpperCase();
  if (hit.check === 'mobile' && digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  const digest = createHash('sha256').update(digits).digest('hex').slice(0, 8);
  return `${hit.check}:${field}:${maskDigits(digits, hit.check === 'mobile' ? 3 : 4)}#${digest}`;
}

interface FieldText {
  field: FieldName;
  text: string;
  /** Attachments: where each page, slide or worksheet begins. */
  parts?: { offset: number; label: string }[];
  /** Attachments: why the text is missing or partial. */
  unchecked?: string;
}

/** The label of the part an offset lies in (the last part beginning at or before it). */
function partAt(parts: FieldText['parts'], offset: number): string | undefined {
  if (!parts?.length) return undefined;
  let lo = 0;
  let hi = parts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (parts[mid].offset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? undefined : parts[found].label;
}

/** Runs every check over every field; `confirmed` holds keys of block findings a reviewer confirmed. */
export function runPrepublishChecks(
  input: CheckInput,
  ctx: CheckContext,
  confirmed: readonly string[] = [],
  options: PrepublishOptions = {},
): CheckResult {
  const confirmedKeys = new Set(confirmed);
  const body = extractText(input.bodyHtml);
  const fields: FieldText[] = [{ field: 'title', text: input.title }];
  if (input.subtitle !== undefined) fields.push({ field: 'subtitle', text: input.subtitle });
  if (input.summary !== undefined) fields.push({ field: 'summary', text: input.summary });
  fields.push({ field: 'body', text: body.text });
  for (const a of input.attachments ?? [])
    fields.push({ field: `attachment:${a.name}`, text: a.text, parts: a.parts, unchecked: a.unchecked });

  const findings: (Finding & { order: number })[] = [];
  fields.forEach(({ field, text, parts, unchecked }, order) => {
    if (unchecked) {
      findings.push({
        order,
        check: 'attachment-unchecked',
        severity: 'warn',
        field,
        offset: 0,
        length: 0,
        excerpt: '',
        match: '',
        message: unchecked,
        key: `attachment-unchecked:${field}`,
        confirmable: false,
        confirmed: false,
      });
    }
    const personal = findPersonalData(text, options.today);
    const hits: Hit[] = [
      ...findForbiddenWords(text, ctx.dictionaries),
      ...findErrorProneWords(text, ctx.dictionaries),
      ...findLeaderPostMismatches(text, ctx.dictionaries.leaders),
      ...personal,
      ...(field === 'body' ? findLinkProblems(body, ctx) : []),
    ];
    const shown = maskPersonalData(text, personal);
    // An attachment (a long table, a report) may repeat the same finding thousands of times: it is listed once,
    // at its first place, with the count; a confirmation covers every occurrence anyway (same key).
    const attachment = field.startsWith('attachment:');
    const first = new Map<string, Finding & { order: number }>();
    if (attachment) hits.sort((a, b) => a.offset - b.offset);
    for (const hit of hits) {
      const key = findingKey(hit, field);
      const seen = attachment ? first.get(key) : undefined;
      if (seen) {
        seen.occurrences = (seen.occurrences ?? 1) + 1;
        continue;
      }
      const confirmable = hit.severity === 'block' && hit.check !== 'forbidden-word';
      const where = partAt(parts, hit.offset);
      const finding: Finding & { order: number } = {
        order,
        check: hit.check,
        severity: hit.severity,
        field,
        offset: hit.offset,
        length: hit.length,
        excerpt: excerptAt(shown, hit.offset, hit.length),
        match: hit.match,
        message: hit.message,
        ...(hit.suggestion === undefined ? {} : { suggestion: hit.suggestion }),
        ...(where === undefined ? {} : { where }),
        key,
        confirmable,
        confirmed: confirmable && confirmedKeys.has(key),
      };
      findings.push(finding);
      if (attachment) first.set(key, finding);
    }
    for (const f of first.values()) if (f.occurrences) f.message += `（此附件中共 ${f.occurrences} 处，此处为第一处）`;
  });

  findings.sort(
    (a, b) =>
      a.order - b.order ||
      a.offset - b.offset ||
      CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check) ||
      a.length - b.length,
  );
  const result: Finding[] = findings.map(({ order: _order, ...f }) => f);
  return {
    findings: result,
    blocking: result.some((f) => f.severity === 'block' && !f.confirmed),
    counts: {
      block: result.filter((f) => f.severity === 'block').length,
      warn: result.filter((f) => f.severity === 'warn').length,
    },
  };
}
