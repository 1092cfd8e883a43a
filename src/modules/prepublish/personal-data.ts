// Personal data in text: resident ID numbers, mobile numbers, bank card numbers. All block publication until a
// reviewer confirms (personal data may only be published deliberately, e.g. in a 公示 that requires it).
// Messages carry the value masked (1101**********002X) so the report does not spread it; `match` keeps the raw
// value for the confirmation step. A number is reported once: an ID number is not also a bank card, and a
// bank card is not also a mobile number (priority ID > bank card > mobile on overlapping matches). Full-width
// digits (１３８…) count as digits; `match` and offsets refer to the text as written.
import type { CheckKind, Hit } from './prepublish.schema.ts';

// ───────────────────────────── resident ID (GB 11643-1999) ─────────────────────────────

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** Province-level codes (GB/T 2260) plus 71 台湾, 81 香港, 82 澳门 and 83 (台湾居民居住证). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of an 18-digit ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return day <= days[month - 1];
}

/** Valid province code, a real birth date between 1900 and `today`, and (18 digits) the right check character. */
export function isResidentIdNumber(value: string, today: Date = new Date()): boolean {
  const id = value.toUpperCase();
  let year: number;
  let monthDay: string;
  if (/^\d{17}[\dX]$/.test(id)) {
    if (idCheckChar(id) !== id[17]) return false;
    year = Number(id.slice(6, 10));
    monthDay = id.slice(10, 14);
  } else if (/^\d{15}$/.test(id)) {
    year = 1900 + Number(id.slice(6, 8));
    monthDay = id.slice(8, 12);
  } else return false;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
  const month = Number(monthDay.slice(0, 2));
  const day = Number(monthDay.slice(2, 4));
  if (year < 1900 || !isCalendarDate(year, month, day)) return false;
  const birth = Date.UTC(year, month - 1, day);
  return birth <= today.getTime();
}

/**
 * Why an 18-digit number that is laid out like an ID number (province code, a year 1900–2099, a month and a
 * day in range) is not a valid one: a mistyped or deliberately altered ID number is still a person's ID number
 * and is flagged as 疑似身份证号. Null when it is valid, or does not look like an ID number at all.
 */
export function suspectIdReason(value: string, today: Date = new Date()): string | null {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id) || !PROVINCES.has(Number(id.slice(0, 2)))) return null;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (!isCalendarDate(year, month, day) || Date.UTC(year, month - 1, day) > today.getTime()) return '出生日期不存在';
  if (idCheckChar(id) !== id[17]) return '校验位不符';
  return null;
}

// ───────────────────────────── bank card ─────────────────────────────

/** The Luhn (mod 10) check used by bank card numbers. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// ───────────────────────────── masking ─────────────────────────────

/** Full-width digits and Ｘ as ASCII (one code unit each, so offsets do not move). */
export const normalizeDigits = (text: string) =>
  text.replace(/[０-９Ｘｘ]/g, (c) => (c === 'Ｘ' || c === 'ｘ' ? 'X' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** Digits (and an ID's X) replaced by * except the first `keepStart` and the last `keepEnd`; separators kept. */
export function maskDigits(value: string, keepStart: number, keepEnd = 4): string {
  const positions: number[] = [];
  for (let i = 0; i < value.length; i++) if (/[\dXx０-９Ｘｘ]/.test(value[i])) positions.push(i);
  const masked = new Set(positions.slice(keepStart, Math.max(keepStart, positions.length - keepEnd)));
  let out = '';
  for (let i = 0; i < value.length; i++) out += masked.has(i) ? '*' : value[i];
  return out;
}

// ───────────────────────────── scanning ─────────────────────────────

/** Separators people put inside numbers: space, no-break space, ideographic space, hyphens. */
const SEP = '[ \\u00a0\\u3000\\-－]';
/** 18 digits (last may be X), optionally grouped 6-8-4; or 15 digits. Never part of a longer digit run. */
const ID_18 = new RegExp(`(?<!\\d)\\d{6}(${SEP}?)\\d{8}\\1\\d{3}[\\dXx](?![\\dXx])`, 'g');
const ID_15 = /(?<!\d)\d{15}(?!\d)/g;
/** 1[3-9]x xxxx xxxx, optionally +86, separators consistent (138-1234-5678, 138 1234 5678). */
const MOBILE = new RegExp(`(?<!\\d)(?:(\\+?86)${SEP}?)?1[3-9]\\d(${SEP}?)\\d{4}\\2\\d{4}(?!\\d)`, 'g');
const CARD_PLAIN = /(?<!\d)\d{16,19}(?!\d)/g;
const CARD_GROUPED = new RegExp(
  `(?<!\\d${SEP}?)\\d{4}(${SEP})\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?(?!${SEP}?\\d)`,
  'g',
);

interface Candidate {
  check: CheckKind;
  priority: number;
  offset: number;
  match: string;
  masked: string;
  label: string;
}

const digitsOf = (s: string) => s.replace(/[^\dXx]/g, '');
const LABEL: Partial<Record<CheckKind, string>> = {
  'id-number': '疑似居民身份证号码',
  mobile: '疑似手机号码',
  'bank-card': '疑似银行卡号',
};

/** Personal data in a text. `today` bounds plausible birth dates (default: now). */
export function findPersonalData(text: string, today: Date = new Date()): Hit[] {
  const candidates: Candidate[] = [];
  const scanned = normalizeDigits(text);
  const add = (
    check: CheckKind,
    priority: number,
    m: RegExpExecArray | RegExpMatchArray,
    keepStart: number,
    label = LABEL[check]!,
  ) => {
    const match = text.slice(m.index!, m.index! + m[0].length);
    candidates.push({ check, priority, offset: m.index!, match, masked: maskDigits(match, keepStart), label });
  };
  for (const re of [ID_18, ID_15]) {
    for (const m of scanned.matchAll(re)) if (isResidentIdNumber(digitsOf(m[0]), today)) add('id-number', 0, m, 4);
  }
  for (const m of scanned.matchAll(ID_18)) {
    const reason = suspectIdReason(digitsOf(m[0]), today);
    if (reason) add('id-number', 0, m, 4, `疑似身份证号（${reason}）`);
  }
  for (const re of [CARD_PLAIN, CARD_GROUPED]) {
    for (const m of scanned.matchAll(re)) if (passesLuhn(digitsOf(m[0]))) add('bank-card', 1, m, 4);
  }
  for (const m of scanned.matchAll(MOBILE)) add('mobile', 2, m, m[1] === undefined ? 3 : 5);

  candidates.sort((a, b) => a.priority - b.priority || a.offset - b.offset);
  const taken: Candidate[] = [];
  const used = new Uint8Array(text.length);
  for (const c of candidates) {
    const end = c.offset + c.match.length;
    if (used.subarray(c.offset, end).includes(1)) continue;
    used.fill(1, c.offset, end);
    taken.push(c);
  }
  return taken
    .sort((a, b) => a.offset - b.offset)
    .map((c) => ({
      check: c.check,
      severity: 'block' as const,
      offset: c.offset,
      length: c.match.length,
      match: c.match,
      masked: c.masked,
      message: `${c.label}：${c.masked}`,
    }));
}

/** The text with every personal-data hit masked in place (same length, so offsets still hold): for excerpts. */
export function maskPersonalData(text: string, hits: readonly Hit[]): string {
  let out = text;
  for (const h of hits) {
    if (h.masked === undefined || h.masked.length !== h.length) continue;
    out = out.slice(0, h.offset) + h.masked + out.slice(h.offset + h.length);
  }
  return out;
}
