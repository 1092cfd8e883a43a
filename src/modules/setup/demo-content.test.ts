// The demo installation shows every feature in use: the demo site passes its own duty check, the subordinate
// site shows exactly the seeded problems, the register has every outcome, policies and interpretations link both
// ways, and no published text names a leader with a wrong post or holds a forbidden word.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { call, DIALECT, login, mainSiteId, testEnv, type TestEnv } from '../../../test/helpers.ts';
import { DAY } from '../../platform/time.ts';
import type { ContentSnapshot } from '../content/content-types.ts';
import { contentPath } from '../content/content.routes.ts';
import * as contentRepo from '../content/content.repository.ts';
import { dutyColumns } from '../duty/duty.service.ts';
import { registerRows } from '../review/register.ts';
import { DEMO_ACCOUNTS, DEMO_STAFF_PASSWORD } from './demo-content.ts';

describe(`demo content (${DIALECT})`, () => {
  let env: TestEnv;
  let siteId: number;
  let subSiteId: number;

  before(async () => {
    env = await testEnv({ demoContent: true });
    siteId = await mainSiteId(env.ctx);
    subSiteId = (await env.ctx.db.selectFrom('sites').select('id').where('code', '=', 'zwfw').executeTakeFirstOrThrow())
      .id;
  });
  after(async () => env.close());

  const published = (site: number) =>
    env.ctx.db.selectFrom('published_items').selectAll().where('site_id', '=', site).execute();

  it('publishes something in every leaf column of the demo site', async () => {
    const tree = await env.ctx.columns.tree(siteId);
    const leaves = dutyColumns(tree.flat);
    // 附件1's 47 leaf columns, the 数据发布 column the demo adds under 政务公开 and 互动交流's 网上留言.
    assert.equal(leaves.length, 49);
    const items = await published(siteId);
    const extra = await env.ctx.db
      .selectFrom('content_columns')
      .innerJoin('published_items', 'published_items.content_id', 'content_columns.content_id')
      .select('content_columns.column_id')
      .where('published_items.site_id', '=', siteId)
      .execute();
    const filled = new Set([...items.map((i) => i.column_id), ...extra.map((e) => e.column_id)]);
    const empty = leaves.filter((c) => !filled.has(c.id)).map((c) => c.name);
    assert.deepEqual(empty, []);
    // The editors' articles, pages and documents, and what the modules publish besides (answered messages,
    // surveys, solicitations and their feedback, 建议提案 replies, data sets).
    assert.ok(items.length >= 150 && items.length <= 320, `${items.length} published items`);
    for (const c of leaves.filter((l) => l.kind === 'page')) {
      assert.equal(
        items.filter((i) => i.column_id === c.id && i.type === 'page').length,
        1,
        `${c.name}: one single page`,
      );
    }
    const leaders = items.filter((i) => i.type === 'leader');
    assert.ok(leaders.length >= 4 && leaders.length <= 5);
    for (const l of leaders)
      assert.ok((JSON.parse(l.snapshot) as ContentSnapshot).fields.post, `${l.title} has a post`);
  });

  it('spreads publication over the past months, never later than now', async () => {
    const now = env.ctx.clock.now().getTime();
    const dates = (await published(siteId)).map((i) => new Date(i.pub_date).getTime());
    assert.ok(
      dates.every((d) => d <= now),
      'no PubDate in the future',
    );
    assert.ok(Math.min(...dates) < now - 150 * DAY, 'the history reaches back about half a year');
    assert.ok(Math.max(...dates) > now - 7 * DAY, 'and comes up to the last days');
    assert.ok(new Set(dates.map((d) => Math.floor(d / DAY))).size > 80, 'on many different days');
  });

  it('leaves no column of the demo site overdue or blank', async () => {
    const duty = await env.ctx.duty.columnDuty(siteId);
    assert.deepEqual(
      duty.filter((d) => d.status === '已超期' || d.status === '空白').map((d) => `${d.trail}: ${d.status}`),
      [],
    );
    for (const name of ['部门动态', '服务动态', '党建动态', '通知公告', '政策法规', '部门文件', '政策解读']) {
      const row = duty.find((d) => d.name === name)!;
      assert.ok(row.maxUpdateDays, `${name} has a cycle`);
      assert.equal(row.status, '正常', `${name} is within its cycle`);
    }
  });

  it('shows the subordinate site with exactly the seeded problems', async () => {
    const sub = await env.ctx.sites.get(subSiteId);
    assert.equal(sub.name, '南江市政务服务中心');
    assert.equal(sub.parentId, siteId);
    assert.deepEqual(sub.domains, ['zwfw.nanjiang.gov.cn']);
    const duty = await env.ctx.duty.columnDuty(subSiteId);
    const byStatus = (s: string) => duty.filter((d) => d.status === s).map((d) => d.trail);
    assert.deepEqual(byStatus('已超期'), ['中心动态 / 工作动态']);
    assert.deepEqual(byStatus('空白'), ['政务公开 / 政策解读']);
    assert.deepEqual(byStatus('即将到期'), ['中心动态 / 通知公告']);
    assert.equal(byStatus('正常').length, duty.length - 3);
    const news = duty.find((d) => d.name === '工作动态')!;
    const age = (env.ctx.clock.now().getTime() - new Date(news.lastPublishedAt!).getTime()) / DAY;
    assert.ok(age >= 39 && age <= 43, `last news ${age.toFixed(1)} days ago`);
  });

  it('has register entries in every state of the review', async () => {
    const rows = await registerRows(env.ctx.db, { siteId });
    const some = (label: string, test: (r: (typeof rows)[number]) => boolean) => assert.ok(rows.some(test), label);
    some(
      'approved and published',
      (r) => r.state === 'approved' && r.releaseForm === '网站公开' && r.leader?.decision === '同意',
    );
    some(
      'rejected by the 审核人',
      (r) => r.state === 'rejected' && r.dept?.decision === '不同意' && r.leader === null && !!r.dept.opinion,
    );
    some(
      'rejected by the 分管领导',
      (r) =>
        r.state === 'rejected' && r.dept?.decision === '同意' && r.leader?.decision === '不同意' && !!r.leader.opinion,
    );
    some('waiting for the 审核人', (r) => r.state === 'dept_review');
    some('waiting for the 分管领导', (r) => r.state === 'leader_review' && r.dept?.decision === '同意');
    some('waiting for the 保密审查员', (r) => r.state === 'secrecy_review' && r.secret === '不明确');
    some(
      'escalated and found 涉密',
      (r) =>
        r.state === 'closed' &&
        r.dept?.decision === '不明确' &&
        r.secrecy?.decision === '涉密' &&
        r.outcome === '涉密不发布',
    );
    some('provided on request', (r) => r.releaseForm === '依申请提供' && r.state === 'approved');
    some(
      'unclear, then cleared by the secrecy review and approved',
      (r) => r.state === 'approved' && r.secrecy?.decision === '不涉密',
    );
    const serials = rows.map((r) => r.serialText);
    assert.equal(new Set(serials).size, serials.length, 'each submission has its own 序号');
    // Rejected items stay unpublished; a classified one can never be published.
    for (const r of rows.filter((x) => x.state === 'closed')) {
      assert.equal((await env.ctx.content.item(r.contentId)).status, 'classified');
      assert.equal(
        await env.ctx.db
          .selectFrom('published_items')
          .select('content_id')
          .where('content_id', '=', r.contentId)
          .executeTakeFirst(),
        undefined,
      );
    }
    const onRequest = rows.find((r) => r.releaseForm === '依申请提供')!;
    const catalogued = await env.ctx.db
      .selectFrom('published_items')
      .selectAll()
      .where('content_id', '=', onRequest.contentId)
      .executeTakeFirstOrThrow();
    assert.equal(catalogued.body_public, 0);
  });

  it('interprets at least 8 policy documents, in several forms, linked both ways', async () => {
    const items = await published(siteId);
    const policies = items.filter((i) => i.type === 'policy');
    const interpretations = items.filter((i) => i.type === 'interpretation');
    assert.ok(policies.length >= 10);
    const interpreted = [];
    for (const p of policies) {
      const ids = await contentRepo.interpretationsOf(env.ctx.db, p.content_id);
      if (ids.length) interpreted.push({ policy: p, ids });
    }
    assert.ok(interpreted.length >= 8, `${interpreted.length} policies interpreted`);
    const forms = new Set(interpretations.map((i) => (JSON.parse(i.snapshot) as ContentSnapshot).fields.form));
    for (const form of ['文字', '图解', '音视频', '新闻发布会']) assert.ok(forms.has(form as never), form);
    assert.ok(
      policies.some((p) => p.validity === '废止') && policies.some((p) => p.validity === '修订'),
      'one repealed and one revised document',
    );
    for (const p of policies) {
      const s = JSON.parse(p.snapshot) as ContentSnapshot;
      assert.equal(s.fields.disclosureMethod, '主动公开');
      assert.equal(s.fields.disclosureScope, '面向社会');
      if (p.validity !== '有效') assert.match(String(s.fields.validityDate), /^\d{4}-\d{2}-\d{2}$/);
    }

    const tree = await env.ctx.columns.tree(siteId);
    const page = async (item: { column_id: number; content_id: number }) => {
      const res = await env.app.inject({
        method: 'GET',
        url: contentPath(tree.byId.get(item.column_id)!.path, item.content_id),
      });
      assert.equal(res.statusCode, 200);
      return res.body;
    };
    for (const { policy, ids } of interpreted) {
      const policyPage = await page(policy);
      for (const id of ids) {
        const interpretation = interpretations.find((i) => i.content_id === id)!;
        assert.ok(policyPage.includes(interpretation.title), `${policy.title} shows its interpretation`);
        assert.deepEqual(await contentRepo.policiesOf(env.ctx.db, id), [policy.content_id]);
        assert.ok((await page(interpretation)).includes(policy.title), `${interpretation.title} shows its policy`);
      }
    }

    // The editors' view shows the same links (and the demo password works without a forced change).
    // Drafts and documents are need-to-know: the editor of the document's own department opens it.
    const { policy, ids } = interpreted[0];
    const editor = await env.ctx.db
      .selectFrom('content_items')
      .innerJoin('users', 'users.department_id', 'content_items.department_id')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select('users.username')
      .where('content_items.id', '=', policy.content_id)
      .where('user_roles.role', '=', 'editor')
      .where('users.username', 'like', '%_bianji')
      .executeTakeFirstOrThrow();
    const session = await login(env.app, editor.username, DEMO_STAFF_PASSWORD);
    const view = (await call(env.app, session, 'GET', `/api/content/${policy.content_id}`)).json();
    assert.deepEqual(view.related.map((r: { id: number }) => r.id).sort(), [...ids].sort());
  });

  it('names leaders only with their posts and publishes no forbidden word', async () => {
    for (const site of [siteId, subSiteId]) {
      for (const item of await published(site)) {
        const report = await env.ctx.prepublish.check(site, JSON.parse(item.snapshot) as ContentSnapshot, []);
        const bad = report.findings.filter(
          (f) => f.check === 'leader-post' || f.check === 'forbidden-word' || f.severity === 'block',
        );
        assert.deepEqual(
          bad.map((f) => `${f.check}: ${f.excerpt}`),
          [],
          item.title,
        );
      }
    }
  });

  it('creates the demo accounts ready to use', async () => {
    const users = await env.ctx.db
      .selectFrom('users')
      .select(['username', 'must_change_password', 'department_id'])
      .execute();
    for (const a of DEMO_ACCOUNTS) {
      const u = users.find((x) => x.username === a.username);
      assert.ok(u, a.username);
      assert.equal(u.must_change_password, 0, a.username);
    }
    const me = await login(env.app, 'zh_lingdao', DEMO_STAFF_PASSWORD);
    const res = (await call(env.app, me, 'GET', '/api/review/inbox')).json();
    assert.ok(Array.isArray(res.waiting));
    // Every role can be tried: the inspector runs inspections, the site administrator sees the waiting items.
    const inspector = await login(env.app, 'jiancha', DEMO_STAFF_PASSWORD);
    assert.equal((await call(env.app, inspector, 'GET', '/api/inspection/runs')).statusCode, 200);
    const siteAdmin = await login(env.app, 'zhandian', DEMO_STAFF_PASSWORD);
    const mainSite = (await env.ctx.sites.list()).find((x) => x.parentId === null)!;
    const waiting = await call(env.app, siteAdmin, 'GET', `/api/sites/${mainSite.id}/review/waiting`);
    assert.equal(waiting.statusCode, 200);
    assert.equal((await env.ctx.audit.verify()).ok, true, 'the audit chain stays intact');
  });
});
