// What `govportal export` and `govportal verify` print (cli.ts wires the options, the progress bar and the
// context). Both return the process exit code.
import type { AppContext } from '../../context.ts';
import type { Progress } from '../../platform/backup/backup.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { MANIFEST_FILE, NGINX_FILE } from './export-paths.ts';
import { exportSite, restoreExport, verifyExport } from './export.service.ts';
import { describeReport, setWatch } from './export.watch.ts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export interface ExportCommandOptions {
  out: string;
  site?: string;
  baseUrl?: string;
  watch?: boolean;
  autoRestore?: boolean;
}

export async function exportCommand(
  ctx: AppContext,
  opts: ExportCommandOptions,
  progress: Progress,
  stop: () => void,
): Promise<number> {
  const result = await exportSite(ctx, { out: opts.out, site: opts.site, baseUrl: opts.baseUrl, progress });
  stop();
  const { manifest, sync } = result;
  console.log(
    `已导出 ${manifest.site.name}（${manifest.site.code}）：${result.files} 个文件，${mb(result.bytes)}，写入 ${result.dir}`,
  );
  console.log(
    `  本次写入 ${sync.created.length + sync.replaced.length} 个，删除 ${sync.removed.length} 个过时文件；绝对地址基于 ${manifest.baseUrl}`,
  );
  console.log(
    `  分页链接 ?page=N 已改写为 index_N.html；发布清单 ${MANIFEST_FILE}（已签名），nginx 示例配置 ${NGINX_FILE}`,
  );
  if (result.keyCreated) console.log('  已生成清单签名密钥（保存在数据库设置 export.manifestKey 中）');
  const redirects = Object.entries(result.redirects);
  if (redirects.length)
    console.log(
      `  ${redirects.length} 个地址由应用重定向，已写入 ${NGINX_FILE}：${redirects
        .slice(0, 5)
        .map(([a, b]) => `${a} → ${b}`)
        .join('，')}`,
    );
  const dynamic = [...new Set(result.skipped.filter((s) => s.reason === 'dynamic').map((s) => s.url.split('?')[0]))];
  if (dynamic.length) console.log(`  动态地址未导出，由 ${NGINX_FILE} 转发给应用：${dynamic.join('、')}`);
  const other = result.skipped.filter((s) => s.reason !== 'dynamic');
  for (const s of other)
    console.warn(
      `  未导出：${s.url}（${s.reason === 'query' ? '带查询参数' : s.reason === 'duplicate' ? '与其他地址对应同一文件' : '路径无法作为文件名'}；见 ${s.from.join('、')}）`,
    );
  for (const b of result.broken)
    console.warn(`  链接失效：${b.url} 返回 ${b.status}（见 ${b.from.join('、') || '种子地址'}）`);
  if (opts.watch) {
    const dir = await setWatch(ctx, result.dir, opts.autoRestore);
    console.log(
      `已登记防篡改监测：每 10 分钟校验 ${dir}${opts.autoRestore ? '，发现篡改自动恢复' : ''}（由运行 govportal serve 的节点执行）`,
    );
  }
  return result.broken.length ? 1 : 0;
}

export async function verifyCommand(
  ctx: AppContext,
  opts: { dir: string; restore?: boolean },
  progress: Progress,
  stop: () => void,
): Promise<number> {
  const report = await verifyExport(ctx, opts.dir, progress);
  if (report.ok) {
    stop();
    console.log(`${report.dir} 完整：${report.checked} 个文件与签名清单一致（导出于 ${report.manifest!.createdAt}）。`);
    return 0;
  }
  if (!opts.restore) {
    stop();
    console.error(`${report.dir} 与发布清单不一致：`);
    for (const line of describeReport(report, Number.MAX_SAFE_INTEGER)) console.error(`  - ${line}`);
    await ctx.audit.recordAlone(SYSTEM_ACTOR, {
      action: 'export.tamper',
      targetType: 'static_export',
      targetId: report.dir,
      outcome: 'failure',
      detail: {
        dir: report.dir,
        source: 'cli',
        manifest: report.manifestStatus,
        counts: { added: report.added.length, changed: report.changed.length, missing: report.missing.length },
      },
    });
    console.error('可执行 govportal verify --dir 目录 --restore 恢复发布版本。');
    return 1;
  }
  const result = await restoreExport(ctx, opts.dir, { progress, before: report });
  stop();
  console.log(`${report.dir} 与发布清单不一致：`);
  for (const line of describeReport(report, Number.MAX_SAFE_INTEGER)) console.log(`  - ${line}`);
  console.log(
    result.mode === 'manifest'
      ? '已按发布清单恢复（数据库中的已发布内容与清单一致）：'
      : '已按数据库中当前的已发布内容重新生成并写入新的签名清单（内容自导出后有变化，或清单不可信）：',
  );
  for (const rel of result.removed) console.log(`  删除 ${rel}`);
  for (const rel of result.replaced) console.log(`  恢复 ${rel}`);
  for (const rel of result.created) console.log(`  补回 ${rel}`);
  if (result.after.ok) {
    console.log(`恢复完成，复核通过：${result.after.checked} 个文件与签名清单一致。`);
    return 0;
  }
  console.error('恢复后复核仍不一致：');
  for (const line of describeReport(result.after, Number.MAX_SAFE_INTEGER)) console.error(`  - ${line}`);
  return 1;
}
