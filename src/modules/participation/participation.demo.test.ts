// The demo year of participation: surveys and solicitations with published results and adoption reports, and
// the year's 建议提案 with published replies — enough for the 调查征集 bonus in full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, mainSiteId, staff, testEnv } from '../../../test/helpers.ts';
import { participationChecks } from './participation.checks.ts';
import { seedDemoParticipation } from './participation.demo.ts';

test(`the demo year of surveys, solicitations and proposals earns the 调查征集 bonus (${DIALECT})`, {
  timeout: 300_000,
}, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { ctx } = env;
  const siteId = await mainSiteId(ctx);
  await staff(ctx, 'zh_bianji', ['editor'], '综合处');
  await staff(ctx, 'zh_shenhe', ['reviewer'], '综合处');
  await staff(ctx, 'zh_lingdao', ['leader'], '综合处');
  const tree = await ctx.columns.tree(siteId);
  const bmwj = tree.flat.find((c) => c.name === '部门文件')!;
  const lead = await ctx.db
    .selectFrom('departments')
    .select('name')
    .where('id', '=', bmwj.leadDepartmentId!)
    .executeTakeFirstOrThrow();
  await staff(ctx, 'policy_bianji', ['editor'], lead.name);
  for (const [k, name] of ['李女士', '张先生', '王先生'].entries())
    await ctx.citizens.accounts.createVerifiedAccount({
      phone: `1390000000${k}`,
      displayName: name,
      password: 'Demo-Citizen-2026!',
      at: new Date(Date.now() - 360 * 86_400_000).toISOString(),
    });

  const { activities, applications } = await seedDemoParticipation(ctx, siteId);
  assert.equal(activities, 7);
  assert.equal(applications, 14);
  const { counts } = await ctx.participation.disclosure.list({ siteId });
  assert.ok(Object.keys(counts).length >= 2, JSON.stringify(counts));
  const solicitations = await ctx.participation.solicitations.list(siteId);
  assert.equal(solicitations.length, 3);
  assert.ok(solicitations.every((s) => s.feedbackPublishedAt && !s.feedbackOverdue && s.comments === 3));
  const surveys = await ctx.participation.surveys.list(siteId);
  assert.ok(surveys.every((s) => s.phase === 'closed' && s.responses >= 24));

  const [check] = participationChecks(ctx.participation.surveys, ctx.participation.solicitations);
  const [result] = await check!({
    db: ctx.db,
    siteId,
    now: ctx.clock.now(),
    seed: 1,
    url: (p) => p,
    columns: ctx.columns,
    duty: ctx.duty,
  });
  assert.deepEqual(result!.status === 'measured' ? result!.findings.map((f) => f.subRule) : null, [1, 2]);
});
