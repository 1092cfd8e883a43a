// The benchmark's site: the demo installation (`serve --init-demo`: 附件1's columns, demo content, the
// subordinate site) plus 10,000 published items written as publication leaves them, the way bench/search does
// (src/modules/search/quality/load.ts), with bodies of a realistic length.
import { defaultAuditKeyFile, loadConfig } from '../../src/platform/config.ts';
import { createContext } from '../../src/context.ts';
import { initDemo } from '../../src/modules/setup/setup.service.ts';
import { generateCorpus } from '../../src/modules/search/quality/corpus.ts';
import { loadCorpus } from '../../src/modules/search/quality/load.ts';

export async function seedSite(dataDir: string, items: number, log: (s: string) => void): Promise<void> {
  // The audit key beside the data directory, where `govportal export` and `serve` look for it.
  const ctx = await createContext(
    loadConfig({}, { dataDir, logLevel: 'silent', auditKeyFile: defaultAuditKeyFile(dataDir) }),
  );
  try {
    const { siteId } = await initDemo(ctx);
    log(`demo site created; publishing ${items.toLocaleString('en')} items…`);
    const corpus = generateCorpus(items, 42, { unique: false, extraParagraphs: 8 });
    await loadCorpus(ctx, siteId, corpus, (done, total) => done % 2000 === 0 && log(`  ${done}/${total}`));
  } finally {
    await ctx.close();
  }
}
