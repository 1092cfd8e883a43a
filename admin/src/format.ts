// Staff see times in Asia/Shanghai whatever their browser's zone; stored times are ISO-8601 UTC.
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
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


export const isFuture = (value: string | null | undefined): boolean => !!value && new Date(value).getTime() > Date.now();
