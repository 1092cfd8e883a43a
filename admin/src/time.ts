// Asia/Shanghai days and times for the console: staff see and enter times in Asia/Shanghai whatever their
// browser's zone, and stored times are ISO-8601 UTC. Everything here re-exports or wraps src/platform/time.ts,
// so no page computes the +08:00 offset itself; the helpers the server also needs move into platform/time.ts.
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { chineseDate, shanghaiDate, shanghaiDateTime } from '../../src/platform/time.ts';

export { chineseDate, shanghaiDate, shanghaiDateTime };

const DAY = 'YYYY-MM-DD';
const WALL = 'YYYY-MM-DDTHH:mm:ss';

/** Today in Asia/Shanghai (`yyyy-MM-dd`): the statistics day, the register year … */
export const shanghaiToday = (): string => shanghaiDate(new Date());

/** The current year in Asia/Shanghai. */
export const shanghaiYear = (): number => Number(shanghaiToday().slice(0, 4));

/** The current hour (0–23) in Asia/Shanghai, for greetings. */
export const shanghaiHour = (): number => Number(shanghaiDateTime(new Date()).slice(11, 13));

/** The milliseconds of `value`'s Asia/Shanghai wall-clock time read as UTC: a time axis drawn in UTC then reads as Shanghai time. */
export const shanghaiWallClockMs = (value: Date | string): number =>
  Date.parse(`${shanghaiDateTime(value).replace(' ', 'T')}Z`);

/** Calendar days from `from` to `to` (`yyyy-MM-dd`), both counted. */
export const daysInclusive = (from: string, to: string): number => dayjs(to).diff(dayjs(from), 'day') + 1;

/**
 * A date-range picker's days as the API's query (`from`, `to`: `yyyy-MM-dd`, both inclusive); the server reads
 * them as Asia/Shanghai days.
 */
export function dayRange(range: readonly [Dayjs | null, Dayjs | null] | null | undefined): {
  from?: string;
  to?: string;
} {
  const [start, end] = range ?? [null, null];
  return { from: start ? start.format(DAY) : undefined, to: end ? end.format(DAY) : undefined };
}

/** A `yyyy-MM-dd` day as a date picker's value; null for none. */
export const dayValue = (day: string | null | undefined): Dayjs | null => (day ? dayjs(day) : null);

/** A date picker's day as `yyyy-MM-dd`. */
export const dayText = (value: Dayjs | null | undefined): string | undefined => value?.format(DAY);

// ── Date-time pickers ─────────────────────────────────────────────────────────────────────────────────────
// Ant Design's pickers work in the browser's own zone. Staff enter times as Asia/Shanghai wall-clock times
// (as every time is shown to them), so the pickers hold a *wall-clock* value — its fields (year … minute) are
// the Shanghai time — and these helpers convert at the edges: stored UTC → picker, picker → UTC to send.

/** The picker value showing `value` (ISO UTC) as its Asia/Shanghai wall-clock time; null for no value. */
export function shanghaiPickerValue(value: string | Date | null | undefined): Dayjs | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : dayjs(shanghaiDateTime(date).replace(' ', 'T'));
}

/** The ISO UTC time of a picked wall-clock value read as Asia/Shanghai time, whatever the browser's zone. */
export function fromShanghaiPicker(value: Dayjs): string {
  // The wall-clock fields as if they were UTC, moved back by the zone's offset at that instant.
  const wall = Date.parse(`${value.format(WALL)}Z`);
  const offset = shanghaiWallClockMs(new Date(wall)) - wall;
  return new Date(wall - offset).toISOString();
}

/** Now, as a picker (wall-clock) value in Asia/Shanghai: for “not in the past” checks on picked values. */
export const shanghaiNowPicker = (): Dayjs => shanghaiPickerValue(new Date())!;
