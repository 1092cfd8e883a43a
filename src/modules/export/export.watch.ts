// The tamper watch: every 10 minutes (jobs.ts) the registered export directory is compared with its signed
// manifest. A difference is recorded in the audit log (export.tamper) and told to the security administrators
// (a notification for the site and one for each 安全管理员); with `export.autoRestore` the published versions are
// put back at once (export.restore). An unchanged difference is reported once, not every 10 minutes.
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import { insertNotificationOnce } from '../duty/duty.repository.ts';
import { mainSite } from '../portal/site-resolver.ts';
import { sha256 } from './manifest.ts';
import { securityAdmins } from './export.repository.ts';
import {
  restoreExport,
  verifyExport,
  TARGETS_SETTING,
  type ExportTargetRecord,
  type RestoreResult,
  type VerifyReport,
} from './export.service.ts';

export const WATCH_DIR_SETTING = 'export.watchDir';
export const AUTO_RESTORE_SETTING = 'export.autoRestore';
/** The difference last reported, so the same one is not reported again. */
export const LAST_ALERT_SETTING = 'export.lastAlert';

export const TAMPER_KIND = 'tamper';

/** Registers the directory the job watches (and, when given, whether it restores by itself). */
export async function setWatch(ctx: AppContext, dir: string, autoRestore?: boolean): Promise<string> {
  const abs = path.resolve(dir);
  const at = ctx.clock.now().toISOString();
  await writeSetting(ctx.db, WATCH_DIR_SETTING, abs, at);
  if (autoRestore !== undefined) await writeSetting(ctx.db, AUTO_RESTORE_SETTING, autoRestore, at);
  await ctx.audit.recordAlone(SYSTEM_ACTOR, {
    action: 'export.watch',
    targetType: 'static_export',
    targetId: abs,
    detail: { dir: abs, ...(autoRestore === undefined ? {} : { autoRestore }) },
  });
  return abs;
}

const MANIFEST_PROBLEM: Record<string, string> = {
  invalid: '发布清单 manifest.json 的签名不符（清单被改动）',
  unsigned: '发布清单 manifest.json 没有签名',
  'no-key': '数据库中没有导出签名密钥，无法验证发布清单',
  missing: '发布清单 manifest.json 缺失',
  unreadable: '发布清单 manifest.json 无法读取',
};

/** One line per problem, in Chinese, for notifications and the CLI. */
export function describeReport(report: VerifyReport, limit = 20): string[] {
  const lines: string[] = [];
  if (report.manifestStatus !== 'valid')
    lines.push(`${MANIFEST_PROBLEM[report.manifestStatus]}${report.reason ? `：${report.reason}` : ''}`);
  const list = (label: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`${label} ${items.length} 个：${items.slice(0, limit).join('、')}${items.length > limit ? ' 等' : ''}`);
  };
  list('新增文件', report.added);
  list('被改动的文件', report.changed);
  list('缺失的文件', report.missing);
  return lines;
}

export interface WatchOutcome {
  status: 'off' | 'intact' | 'alerted' | 'known';
  report?: VerifyReport;
  restore?: RestoreResult;
  error?: string;
}

/** One run of the watch (the job). */
export async function runExportWatch(ctx: AppContext): Promise<WatchOutcome> {
  const dir = await readSetting<string>(ctx.db, WATCH_DIR_SETTING);
  if (!dir) return { status: 'off' };
  const report = await verifyExport(ctx, dir);
  const lastAlert = await readSetting<{ key: string; at: string } | null>(ctx.db, LAST_ALERT_SETTING);
  if (report.ok) {
    if (lastAlert) await writeSetting(ctx.db, LAST_ALERT_SETTING, null, ctx.clock.now().toISOString());
    return { status: 'intact', report };
  }
  const now = ctx.clock.now().toISOString();
  const key = sha256(
    JSON.stringify([report.dir, report.manifestStatus, report.added, report.changed, report.missing]),
  ).slice(0, 32);
  const autoRestore = (await readSetting<boolean>(ctx.db, AUTO_RESTORE_SETTING)) === true;
  const known = lastAlert?.key === key;
  const siteId = await siteOf(ctx, report);

  if (!known) {
    await writeSetting(ctx.db, LAST_ALERT_SETTING, { key, at: now }, now);
    await ctx.audit.recordAlone(SYSTEM_ACTOR, {
      action: 'export.tamper',
      targetType: 'static_export',
      targetId: report.dir,
      siteId,
      outcome: 'failure',
      detail: {
        dir: report.dir,
        manifest: report.manifestStatus,
        added: report.added.slice(0, 50),
        changed: report.changed.slice(0, 50),
        missing: report.missing.slice(0, 50),
        counts: { added: report.added.length, changed: report.changed.length, missing: report.missing.length },
      },
    });
  }

  let restore: RestoreResult | undefined;
  let error: string | undefined;
  if (autoRestore) {
    try {
      restore = await restoreExport(ctx, report.dir, { before: report });
      // Repaired: the next difference, even the same one, is a new incident.
      if (restore.after.ok) await writeSetting(ctx.db, LAST_ALERT_SETTING, null, ctx.clock.now().toISOString());
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }

  if (!known && siteId !== null) {
    const site = await ctx.sites.get(siteId);
    const title = `网页防篡改告警：${site.name}的静态页面与发布清单不一致`;
    const outcome = restore
      ? restore.after.ok
        ? '已按发布版本自动恢复。'
        : '自动恢复后仍不一致，请立即处理。'
      : error
        ? `自动恢复失败：${error}`
        : `请核查，并执行 govportal verify --dir ${report.dir} --restore 恢复。`;
    const body = [`检测时间 ${now}，目录 ${report.dir}。`, ...describeReport(report, 10), outcome].join('\n');
    const row = {
      site_id: siteId,
      department_id: null,
      kind: TAMPER_KIND,
      title,
      body,
      link: '/admin/',
      created_at: now,
    };
    const dedupe = `export.tamper:${key}:${now}`;
    await insertNotificationOnce(ctx.db, { ...row, user_id: null, dedupe_key: dedupe });
    for (const userId of await securityAdmins(ctx.db, siteId)) {
      await insertNotificationOnce(ctx.db, { ...row, user_id: userId, dedupe_key: `${dedupe}:${userId}` });
    }
  }
  return { status: known ? 'known' : 'alerted', report, ...(restore ? { restore } : {}), ...(error ? { error } : {}) };
}

/** The site the directory belongs to: from the export record in the database, else the manifest, else the main site. */
async function siteOf(ctx: AppContext, report: VerifyReport): Promise<number | null> {
  const sites = await ctx.sites.list();
  const record = (await readSetting<Record<string, ExportTargetRecord>>(ctx.db, TARGETS_SETTING))?.[report.dir];
  const byCode = record ? sites.find((s) => s.code === record.siteCode) : undefined;
  if (byCode) return byCode.id;
  const byManifest = report.manifest ? sites.find((s) => s.id === report.manifest!.site.id) : undefined;
  return byManifest?.id ?? mainSite(sites)?.id ?? null;
}
