// Types of the pre-publish checks: run when an editor submits an item for review and again just before
// publication, over the title, subtitle, summary, the rich-text body (HTML) and attachment text. Types and
// schemas only (the admin console imports them): the checks live in text.ts, dictionaries.ts, leaders.ts,
// personal-data.ts, links.ts and are combined by prepublish.service.ts.
import { Type, type Static } from '@fastify/type-provider-typebox';

export const CHECK_KINDS = [
  'forbidden-word',
  'error-prone',
  'leader-post',
  'id-number',
  'mobile',
  'bank-card',
  'broken-link',
  'image-alt',
  // An attachment whose text could not be extracted, or only partly (attachment-text.ts): checked by no rule.
  'attachment-unchecked',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** block: publication waits until the finding is fixed or (except forbidden words) a reviewer confirms it. */
export const SEVERITIES = ['block', 'warn'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Which part of the item a finding is in; attachments are named by their file name. */
export type FieldName = 'title' | 'subtitle' | 'summary' | 'body' | `attachment:${string}`;

/**
 * One problem found.
 *
 * Offsets and lengths are in UTF-16 code units (JavaScript string indices) into the *plain text of the field*:
 * the title, subtitle, summary and attachment text exactly as given; for the body, the text extracted from the
 * HTML by `extractText` (text.ts): entities decoded, script/style skipped, whitespace collapsed as a browser
 * renders it, a line break at block boundaries. `text.slice(offset, offset + length) === match` for the text
 * checks. Link and image findings point at the element's text in the body (an image: a zero-length position)
 * and carry the URL as `match`.
 */
export interface Finding {
  check: CheckKind;
  severity: Severity;
  field: FieldName;
  offset: number;
  length: number;
  /** About 15 characters either side with the match; “…” marks a cut; personal data in it is masked. */
  excerpt: string;
  /** The matched text (personal data unmasked: the confirmation step needs the value). */
  match: string;
  /** Chinese explanation shown to editors and reviewers (personal data masked). */
  message: string;
  /** The correct form, for error-prone words. */
  suggestion?: string;
  /** Where in an attachment: its page, slide, worksheet or part (e.g. “第 3 页”, “工作表“名单””, “页眉”). */
  where?: string;
  /**
   * Attachments list each finding (key) once, at its first place: how many times it occurs there, when more than
   * once (the message says so too).
   */
  occurrences?: number;
  /**
   * Stable across edits (no offset in it): `${check}:${field}:${match}`; for personal data the value is
   * replaced by a short SHA-256 digest, so stored confirmations and audit records do not hold the number.
   * Every occurrence of the same value in the same field shares the key; one confirmation covers them all.
   */
  key: string;
  /** A block finding a reviewer may confirm (all block findings except forbidden words). */
  confirmable: boolean;
  /** Set on confirmable block findings whose key the reviewer confirmed. */
  confirmed: boolean;
}

const ErrorProneWordSchema = Type.Object({
  wrong: Type.String({ minLength: 1, maxLength: 50 }),
  right: Type.String({ minLength: 1, maxLength: 50 }),
});
export type ErrorProneWord = Static<typeof ErrorProneWordSchema>;

const LeaderEntrySchema = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 20 }),
  /** Current posts, e.g. ['党组书记', '主任'] or with the organ: ['市发展改革委主任']. */
  posts: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 10 }),
});
export type LeaderEntry = Static<typeof LeaderEntrySchema>;

/** A site's 错敏词 lists (its own, or the defaults of dictionaries.ts). */
export const DictionariesSchema = Type.Object(
  {
    /** Expressions that must never be published (always blocking, cannot be confirmed). */
    forbidden: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 5000 }),
    errorProne: Type.Array(ErrorProneWordSchema, { maxItems: 5000 }),
    leaders: Type.Array(LeaderEntrySchema, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type Dictionaries = Static<typeof DictionariesSchema>;

export interface Attachment {
  name: string;
  /** Text extracted from the file (attachment-text.ts); may be partial or empty, see `unchecked`. */
  text: string;
  /** Where each page, slide, worksheet or part begins in `text` (ascending offsets); findings name theirs in `where`. */
  parts?: { offset: number; label: string }[];
  /**
   * Set when the text could not be extracted, or only partly (an image, a legacy .doc, a scanned PDF, a file too
   * large …): the reason, in Chinese, shown to editors and reviewers as a warn finding `attachment-unchecked`,
   * so that nothing is skipped silently.
   */
  unchecked?: string;
}

export interface CheckInput {
  title: string;
  subtitle?: string;
  summary?: string;
  bodyHtml: string;
  attachments?: Attachment[];
}

export interface CheckContext {
  /** Compiled once per object and cached (WeakMap): build a new object when the lists change. */
  dictionaries: Dictionaries;
  /**
   * Whether an internal path (decoded pathname, no query or fragment, e.g. `/zwgk/2024/通知.pdf`) exists.
   * Without it internal links are not checked.
   */
  internalLinkExists?: (path: string) => boolean;
  /** Host names of this site (e.g. ['www.example.gov.cn']); absolute links to them count as internal. */
  siteHosts?: string[];
  /** Path the item will be published under; relative links resolve against it (default '/'). */
  basePath?: string;
}

export interface CheckResult {
  /** Sorted by field (title, subtitle, summary, body, attachments in input order), then offset. */
  findings: Finding[];
  /** True while any block finding is not confirmed (forbidden words: always). */
  blocking: boolean;
  counts: Record<Severity, number>;
}

/**
 * A check result as stored with a submission and answered as it was stored (a report from an earlier version
 * is never reshaped on the way out); typed as CheckResult.
 */
export const CheckReportSchema = Type.Unsafe<CheckResult>(
  Type.Unknown({ description: '发布前检查结果（提交或审批时保存）：findings、blocking、counts' }),
);

/** What a single check reports before the service adds the field, excerpt, key and confirmation state. */
export interface Hit {
  check: CheckKind;
  severity: Severity;
  offset: number;
  length: number;
  match: string;
  message: string;
  suggestion?: string;
  /** Personal data: the match with its digits masked (same length), used for excerpts. */
  masked?: string;
}
