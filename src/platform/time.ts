// Stored times are ISO-8601 UTC strings; users see Asia/Shanghai. A Clock is injected so tests can move time.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-27T02:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const iso = (date: Date): string => date.toISOString();

export const addMs = (isoTime: string, ms: number): string => new Date(new Date(isoTime).getTime() + ms).toISOString();

const shanghaiParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(value: Date | string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of shanghaiParts.formatToParts(new Date(value))) out[p.type] = p.value;
  return out;
}

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai: the PubDate meta tag format. */
export function shanghaiDateTime(value: Date | string): string {
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `yyyy-MM-dd` in Asia/Shanghai. */
export function shanghaiDate(value: Date | string): string {
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `2026-11-27T02:00:00Z` → `2026年11月27日` (Asia/Shanghai), as dates are written on forms and reports. */
export function chineseDate(value: Date | string): string {
  const p = parts(value);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}
