// Staff see and enter times in Asia/Shanghai whatever their browser's zone; stored times are ISO-8601 UTC.
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const SHANGHAI = 'Asia/Shanghai';
const WALL = 'YYYY-MM-DDTHH:mm:ss';

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai; '—' for no value. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const p: Record<string, string> = {};
  for (const part of shanghai.formatToParts(date)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

export const isFuture = (value: string | null | undefined): boolean =>
  !!value && new Date(value).getTime() > Date.now();

// ── Date-time pickers in Asia/Shanghai ──────────────────────────────────────────────────────────────────
// Ant Design's pickers work in the browser's own zone. Staff enter times as Asia/Shanghai wall-clock times
// (as every time is shown to them), so the pickers hold a *wall-clock* value — its fields (year … minute) are
// the Shanghai time — and these helpers convert at the edges: stored UTC → picker, picker → UTC to send.

/** The picker value showing `value` (ISO UTC) as its Asia/Shanghai wall-clock time; null for no value. */
export function shanghaiPickerValue(value: string | Date | null | undefined): Dayjs | null {
  if (!value) return null;
  const d = dayjs(value);
  return d.isValid() ? dayjs(d.tz(SHANGHAI).format(WALL)) : null;
}

/** The ISO UTC time of a picked wall-clock value read as Asia/Shanghai time, whatever the browser's zone. */
export function fromShanghaiPicker(value: Dayjs): string {
  return dayjs.tz(value.format(WALL), SHANGHAI).toISOString();
}

/** Now, as a picker (wall-clock) value in Asia/Shanghai: for “not in the past” checks on picked values. */
export function shanghaiNowPicker(): Dayjs {
  return shanghaiPickerValue(new Date())!;
}
