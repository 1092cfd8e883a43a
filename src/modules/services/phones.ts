// Chinese telephone numbers as they appear in guides: fixed lines with an area code (0599-86601007, (010)
// 12345678, an extension 转 801), mobile numbers, the national service numbers (12345, 12315, 12366 …), 95xxx and
// 96xxx service lines, and 400/800 numbers. A field may list several, separated by 、，；/ or 或.
//
// Area codes: 010 and 020–029 take three digits, the others 0 + three digits (0311, 0599 …); a local number has
// 7 or 8 digits and never starts with 0 or 1.

export interface PhoneNumber {
  /** As written (trimmed). */
  text: string;
  valid: boolean;
  /** Digits only, extension after “#”: the key for comparing with the registered numbers. */
  key: string;
}

const SEPARATORS = /[、，,；;/]|或者?|\s{2,}|\n/;

/** Splits a phone field into the numbers it lists. */
export function splitPhones(field: string): string[] {
  return field
    .split(SEPARATORS)
    .map((p) => p.replace(/^[\s:：]*(?:电话|咨询电话|投诉电话|监督电话)?[:：]?\s*/, '').trim())
    .filter(Boolean);
}

const FIXED = /^(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})[- ]?[2-9]\d{6,7}$/;

/** Area code and local number: 010 / 02x take three digits, 0[3-9]xx four; the local part 7–8 digits from 2–9. */
function isFixedLine(digits: string): boolean {
  const area = /^0(?:10|2\d)/.test(digits) ? 3 : /^0[3-9]\d{2}/.test(digits) ? 4 : 0;
  return area > 0 && /^[2-9]\d{6,7}$/.test(digits.slice(area));
}

/** Parses one number; the extension (转801, -801 after a full number, ext. 801) is kept apart. */
export function parsePhone(raw: string): PhoneNumber {
  const text = raw.trim();
  let body = text;
  let extension = '';
  const ext = /(?:转|分机|ext\.?|#)\s*(\d{1,6})$/i.exec(body);
  if (ext) {
    extension = ext[1];
    body = body.slice(0, ext.index).trim();
  }
  const compact = body.replace(/[\s]/g, '');
  const digits = compact.replace(/[^\d]/g, '');
  let valid = false;
  if (/^1[3-9]\d{9}$/.test(compact)) valid = true;
  else if (/^12\d{3}$/.test(compact)) valid = true;
  else if (/^9[56]\d{3,4}$/.test(compact)) valid = true;
  else if (/^[48]00[- ]?\d{3}[- ]?\d{4}$/.test(compact)) valid = true;
  else if (FIXED.test(compact) && isFixedLine(digits)) valid = true;
  else {
    // 0599-86601007-801: an extension after a complete fixed-line number.
    const m = /^(0\d{2,3}[- ]?[2-9]\d{6,7})-(\d{1,6})$/.exec(compact);
    if (m && isFixedLine(m[1].replace(/\D/g, ''))) {
      valid = true;
      extension = m[2];
      return { text, valid, key: `${m[1].replace(/\D/g, '')}#${extension}` };
    }
  }
  return { text, valid, key: extension ? `${digits}#${extension}` : digits };
}

export const parsePhones = (field: string): PhoneNumber[] => splitPhones(field).map(parsePhone);

/** Whether a number is one of the registered ones (same digits; an extension of a registered line counts). */
export function isRegistered(number: PhoneNumber, registered: readonly string[]): boolean {
  const keys = registered.map((r) => parsePhone(r).key);
  if (keys.includes(number.key)) return true;
  const base = number.key.split('#')[0];
  return keys.includes(base);
}
