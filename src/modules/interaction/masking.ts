// Personal data in what the public sees of a message: the pre-publish detector's ID, mobile and bank-card numbers
// (masked in place), the names the citizen is known by, and names introduced in the text (我叫…, 本人…, 联系人…).
// The original stays in the record; only the published excerpt and the shown submitter are masked.
import { findPersonalData, maskPersonalData } from '../prepublish/personal-data.ts';

/** 张三 → 张*, 欧阳修文 → 欧阳**; latin or other names keep their first character. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  const keep = chars.length >= 4 ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

// A name after a self-introduction or a contact label: two to three Han characters.
const INTRODUCED =
  /(我叫|我是|本人|姓名[:：]?|联系人[:：]?|署名[:：]?|申请人[:：]?)\s*([\p{Script=Han}]{2,3})(?=[，。,.;；\s先女同志老师]|$)/gu;
const NOT_NAMES = new Set(['市民', '群众', '网友', '居民', '企业', '公司', '个人', '一名', '一位', '外地', '本地']);

/** The text with personal data masked; `knownNames` are the submitter's own names (display, real name). */
export function maskPersonal(text: string, knownNames: readonly string[] = [], today: Date = new Date()): string {
  let out = maskPersonalData(text, findPersonalData(text, today));
  for (const name of knownNames.map((n) => n.trim()).filter((n) => [...n].length >= 2)) {
    out = out.split(name).join(maskName(name));
  }
  out = out.replace(INTRODUCED, (whole, label: string, name: string) =>
    NOT_NAMES.has(name) ? whole : `${label}${maskName(name)}`,
  );
  return out;
}

/** How the submitter is shown publicly: a masked nickname, or 网友. */
export function publicSubmitter(displayName: string | null | undefined): string {
  const name = (displayName ?? '').trim();
  if (!name || name === '已注销用户') return '网友';
  return maskName(name);
}
