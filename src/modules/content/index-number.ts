// 索引号 of the 主动公开目录: generated from a per-site template, unique per site.
// Placeholders: {siteIdCode}, {year}, {theme} (its position in THEMES, 2 digits), {seq:N} (zero-padded serial per prefix).
import type { Db } from '../../platform/db/database.ts';
import { readSetting } from '../../platform/settings/settings.repository.ts';
import { THEMES } from './content-types.ts';
import * as repo from './content.repository.ts';

export const DEFAULT_INDEX_TEMPLATE = '{siteIdCode}/{year}-{seq:5}';

export const templateKey = (siteId: number) => `content.indexNoTemplate.${siteId}`;

export async function indexTemplate(db: Db, siteId: number): Promise<string> {
  return (await readSetting<string>(db, templateKey(siteId))) ?? DEFAULT_INDEX_TEMPLATE;
}

export function validTemplate(template: string): boolean {
  return /\{seq:\d\}/.test(template) && !/\{(?!siteIdCode\}|year\}|theme\}|seq:\d\})/.test(template);
}

export async function nextIndexNumber(
  db: Db,
  siteId: number,
  vars: { siteIdCode: string; year: string; theme: string },
): Promise<string> {
  const template = await indexTemplate(db, siteId);
  const themeNo = String(Math.max(0, THEMES.indexOf(vars.theme as (typeof THEMES)[number])) + 1).padStart(2, '0');
  const filled = template
    .replace('{siteIdCode}', vars.siteIdCode)
    .replace('{year}', vars.year)
    .replace('{theme}', themeNo);
  const [prefix, suffix] = filled.split(/\{seq:\d\}/);
  const width = Number(/\{seq:(\d)\}/.exec(template)![1]);
  const taken = await repo.indexNumbersLike(db, siteId, prefix);
  const serials = taken
    .map((n) => n.slice(prefix.length, n.length - suffix.length))
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
  const next = (serials.length ? Math.max(...serials) : 0) + 1;
  return `${prefix}${String(next).padStart(width, '0')}${suffix}`;
}
