// Child process of search-crash.faults.test.ts: an app node that publishes one item normally, then a second one
// whose indexing never finishes; it prints `INDEXING <id>` once the publication has committed and its indexing
// has begun, and the parent kills it with SIGKILL right there.
import { loadConfig } from '../../src/platform/config.ts';
import { createContext } from '../../src/context.ts';
import { buildApp } from '../../src/app.ts';
import { createSiteWithAnnex1 } from '../../src/modules/setup/setup.service.ts';
import { draftNews, publishThroughReview, team } from '../workflow.ts';

const [dataDir, keyFile, databaseUrl] = process.argv.slice(2) as [string, string, string | undefined];
const config = loadConfig(databaseUrl ? { DATABASE_URL: databaseUrl } : {}, {
  dataDir,
  logLevel: 'silent',
  auditKeyFile: keyFile,
});
const ctx = await createContext(config);
await createSiteWithAnnex1(ctx);
const app = await buildApp(ctx, { logger: false });
const t = await team(app, ctx);
const first = await draftNews(app, ctx, t, '市政务办召开年度工作推进会');
await publishThroughReview(app, t, first.id);

const index = ctx.search.index;
index.indexItems = (ids: number[]) => {
  process.stdout.write(`INDEXING ${ids.join(',')}\n`);
  return new Promise<void>(() => undefined);
};
const second = await draftNews(app, ctx, t, '关于做好防汛抗旱准备工作的通知');
await publishThroughReview(app, t, second.id);
