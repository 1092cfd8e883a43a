// Formats of the identity items every government site shows in its footer (regs §1.2–1.4).
import type { SiteIdentity } from './sites.schema.ts';

export const SITE_ID_CODE = /^(\d{10}|bm\d{8})$/;
export const ICP_NUMBER = /^[\u4e00-\u9fa5]ICP备\d{6,10}号(-\d{1,3})?$/;
export const POLICE_NUMBER = /^[\u4e00-\u9fa5]公网安备\s?(\d{14})号$/;
const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9\u4e00-\u9fa5]([a-z0-9\u4e00-\u9fa5-]{0,61}[a-z0-9\u4e00-\u9fa5])?)(\.[a-z0-9\u4e00-\u9fa5]([a-z0-9\u4e00-\u9fa5-]{0,61}[a-z0-9\u4e00-\u9fa5])?)*(:\d{1,5})?$/;
const PHONE = /^[0-9+\-()（） ]{5,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL = /^https?:\/\/[^\s]+$/;

/** Field → Chinese explanation for every malformed identity item; empty when all are well-formed. */
export function identityProblems(site: SiteIdentity): Record<string, string> {
  const problems: Record<string, string> = {};
  const badDomain = site.domains.find((d) => !HOSTNAME.test(d.toLowerCase()));
  if (badDomain !== undefined) problems.domains = `域名“${badDomain}”格式不正确（只填主机名，不带 http:// 和路径）`;
  if (!SITE_ID_CODE.test(site.siteIdCode))
    problems.siteIdCode = '网站标识码应为 10 位数字（如 3201000001），国务院部门为 bm 加 8 位数字（如 bm17000009）';
  if (!ICP_NUMBER.test(site.icpNumber))
    problems.icpNumber = 'ICP 备案号格式应如“苏ICP备12345678号”或“苏ICP备12345678号-1”';
  if (!POLICE_NUMBER.test(site.policeNumber))
    problems.policeNumber = '公安机关备案号格式应如“苏公网安备 32010202000001号”（14 位数字）';
  if (!PHONE.test(site.phone)) problems.phone = '联系电话只能包含数字、空格、括号、加号和连字符';
  if (!EMAIL.test(site.email)) problems.email = '电子邮箱格式不正确';
  if (site.conacUrl && !URL.test(site.conacUrl)) problems.conacUrl = '党政机关网站标识链接应为 http(s):// 开头的地址';
  if (!isJiucuoScript(site.jiucuoScriptUrl))
    problems.jiucuoScriptUrl = `找错脚本只能来自国家政务服务平台的找错系统（https://${JIUCUO_HOSTS.join(' 或 https://')}）`;
  return problems;
}

/** The 14-digit record code the public-security filing site links by. */
export function policeRecordCode(policeNumber: string): string | null {
  return POLICE_NUMBER.exec(policeNumber)?.[1] ?? null;
}

export const MIIT_FILING_URL = 'https://beian.miit.gov.cn/';
export const policeFilingUrl = (code: string) =>
  `https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=${code}`;
export const DEFAULT_JIUCUO_SCRIPT = 'https://zfwzgl.www.gov.cn/exposure/jiucuo.js';
/**
 * The hosts of the national 政府网站找错 system. The script runs on every public page with the page's rights, so it
 * may come from these hosts over HTTPS only — never from an address anyone with the site administrator's password
 * could point at their own server.
 */
export const JIUCUO_HOSTS = ['zfwzgl.www.gov.cn', 'pucha.kaipuyun.cn'] as const;

export function isJiucuoScript(url: string): boolean {
  if (!URL.test(url)) return false;
  try {
    const parsed = new globalThis.URL(url);
    return (
      parsed.protocol === 'https:' &&
      (JIUCUO_HOSTS as readonly string[]).includes(parsed.hostname) &&
      parsed.port === '' &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
/** Where readers without JavaScript report errors: the national platform's own page. */
export const jiucuoPageUrl = (siteIdCode: string) =>
  `https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=${siteIdCode}&url=`;
