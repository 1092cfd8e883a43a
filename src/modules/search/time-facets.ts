// Time facets of a document — its publication day, month and year (UTC, from its key) — and the facets that
// cover a span of days exactly (whole years, then whole months, then single days). On PostgreSQL they let the
// GIN index answer "the newest matches" from a recent window: `words & (y2025 | m202601 | d20260201 …)` makes
// the index walk only the window's posting lists and skip through the words' (a frequent word's list holds most
// of the index), so the newest ten matches of a frequent word cost about as much as ten rows, not a million.
import { PER_SECOND } from './kinds.ts';

const EPOCH = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
export const KEYS_PER_DAY = 86_400 * PER_SECOND;

/** Days since 2000-01-01 (UTC) of a document key. */
export const dayOfKey = (key: number): number => Math.floor(key / KEYS_PER_DAY);

/** The smallest key of a day. */
export const firstKeyOf = (day: number): number => day * KEYS_PER_DAY;

const dateOf = (day: number) => new Date(EPOCH + day * DAY_MS);
const dayOfDate = (d: Date) => Math.round((d.getTime() - EPOCH) / DAY_MS);
const pad = (n: number) => String(n).padStart(2, '0');

const yearToken = (d: Date) => `y${d.getUTCFullYear()}`;
const monthToken = (d: Date) => `m${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}`;
const dayToken = (d: Date) => `d${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;

/** The facets a document carries for its publication time. */
export function timeFacets(key: number): string[] {
  const d = dateOf(dayOfKey(key));
  return [dayToken(d), monthToken(d), yearToken(d)];
}

/** Facets that together cover exactly the days [from, to): whole years, whole months, then days. */
export function spanFacets(from: number, to: number): string[] {
  const out: string[] = [];
  let day = from;
  while (day < to) {
    const d = dateOf(day);
    const nextYear = dayOfDate(new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1)));
    const nextMonth = dayOfDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
    if (d.getUTCMonth() === 0 && d.getUTCDate() === 1 && nextYear <= to) {
      out.push(yearToken(d));
      day = nextYear;
    } else if (d.getUTCDate() === 1 && nextMonth <= to) {
      out.push(monthToken(d));
      day = nextMonth;
    } else {
      out.push(dayToken(d));
      day += 1;
    }
  }
  return out;
}

/**
 * Window edges on whole months (whole years for windows of a year or more): a window is then a few month and
 * year facets, where edges on any day made it up to sixty day facets, and GIN pays for every facet of a window
 * on every candidate it checks.
 */
export function monthStartOnOrBefore(day: number, wholeYear = false): number {
  const d = dateOf(day);
  return dayOfDate(new Date(Date.UTC(d.getUTCFullYear(), wholeYear ? 0 : d.getUTCMonth(), 1)));
}

export function monthStartAfter(day: number): number {
  const d = dateOf(day);
  return dayOfDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
}
