import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GOV_WEBSITE_CATALOGUE,
  NEW_MEDIA_CATALOGUE,
  SUPERVISION_CATALOGUE,
  allIndicators,
  findIndicator,
} from './indicators.ts';
import type { DeductionIndicator, Indicator, PointRule, ScoredCatalogue } from './indicators.schema.ts';

// Transcribed from 附件2 of the seed (rows in the seed's order) — the catalogue must match it row for row.
const SEED_DEDUCTIONS: Record<string, [name: string, points: number][]> = {
  发布解读: [
    ['概况信息', 2],
    ['机构职能', 2],
    ['领导信息', 2],
    ['动态要闻', 5],
    ['政策文件', 5],
    ['政策解读', 5],
    ['解读比例', 3],
    ['解读关联', 3],
    ['其他栏目', 4],
  ],
  办事服务: [
    ['事项公开', 3],
    ['在线申请', 5],
    ['办事统计', 2],
    ['办事指南', 8],
    ['内容准确', 5],
    ['表格样表', 2],
  ],
  互动交流: [
    ['信息提交', 7],
    ['统一登录', 3],
    ['留言公开', 6],
    ['办理答复', 7],
  ],
  功能设计: [
    ['域名名称', 3],
    ['网站标识', 3],
    ['可用性', 1],
    ['我为政府网站找错', 4],
    ['站内搜索', 4],
    ['一号登录', 2],
    ['页面标签', 1],
    ['兼容性', 2],
    ['IPv6改造', 1],
  ],
};
const SEED_DEDUCTION_GROUPS = { 发布解读: 31, 办事服务: 25, 互动交流: 23, 功能设计: 21 };

const SEED_BONUSES: Record<string, [name: string, points: number][]> = {
  信息发布: [
    ['数据发布', 4],
    ['解读回应', 3],
  ],
  办事服务: [
    ['服务功能', 2],
    ['服务内容', 2],
    ['服务关联', 2],
  ],
  互动交流: [
    ['实时互动', 5],
    ['调查征集', 3],
  ],
  功能设计: [
    ['智能搜索', 4],
    ['用户空间', 2],
  ],
  创新发展: [['创新发展', 3]],
};
const SEED_BONUS_GROUPS = { 信息发布: 7, 办事服务: 6, 互动交流: 8, 功能设计: 6, 创新发展: 3 };

const SEED_WEBSITE_VETOES: [name: string, rules: number][] = [
  ['安全、泄密事故等严重问题', 6],
  ['站点无法访问', 1],
  ['首页不更新', 2],
  ['栏目不更新', 3],
  ['互动回应差', 2],
  ['服务不实用', 3],
];

const groupRows = (indicators: readonly { group: string; name: string; points: number }[]) => {
  const rows: Record<string, [string, number][]> = {};
  for (const { group, name, points } of indicators) {
    rows[group] ??= [];
    rows[group].push([name, points]);
  }
  return rows;
};

const maxOfRule = (rule: PointRule) =>
  rule.kind === 'tiered' ? Math.max(...rule.tiers.map((t) => t.points)) : rule.points;

describe('政府网站检查指标 catalogue', () => {
  const { vetoes, deductions, bonuses } = GOV_WEBSITE_CATALOGUE;

  it('has the six single-veto items of 政府网站 with their numbered rules', () => {
    assert.deepEqual(
      vetoes.map((v) => [v.name, v.subRules.length]),
      SEED_WEBSITE_VETOES,
    );
    assert.ok(vetoes.every((v) => v.target === '政府网站'));
    assert.equal(findIndicator(GOV_WEBSITE_CATALOGUE, 'veto.security')?.alias, '安全泄密');
    assert.equal(findIndicator(GOV_WEBSITE_CATALOGUE, 'veto.site-unreachable')?.name, '站点无法访问');
  });

  it('has every deduction row of the seed with its points, in order, summing to 31/25/23/21 = 100', () => {
    assert.deepEqual(groupRows(deductions), SEED_DEDUCTIONS);
    assert.deepEqual(
      Object.fromEntries(GOV_WEBSITE_CATALOGUE.deductionGroups.map((g) => [g.name, g.points])),
      SEED_DEDUCTION_GROUPS,
    );
    for (const group of GOV_WEBSITE_CATALOGUE.deductionGroups) {
      const total = deductions.filter((d) => d.group === group.name).reduce((s, d) => s + d.points, 0);
      assert.equal(total, group.points, group.name);
    }
    assert.equal(
      deductions.reduce((s, d) => s + d.points, 0),
      100,
    );
    assert.equal(GOV_WEBSITE_CATALOGUE.deductionTotal, 100);
  });

  it('has every bonus row with its points, summing to 7/6/8/6/3 = 30', () => {
    assert.deepEqual(groupRows(bonuses), SEED_BONUSES);
    assert.deepEqual(
      Object.fromEntries(GOV_WEBSITE_CATALOGUE.bonusGroups.map((g) => [g.name, g.points])),
      SEED_BONUS_GROUPS,
    );
    assert.equal(
      bonuses.reduce((s, b) => s + b.points, 0),
      30,
    );
    assert.equal(GOV_WEBSITE_CATALOGUE.bonusTotal, 30);
  });

  it('models 我为政府网站找错 as one indicator with parts entry 1 + handling 3', () => {
    const reportErrors = findIndicator(GOV_WEBSITE_CATALOGUE, 'deduct.report-errors') as DeductionIndicator;
    assert.equal(reportErrors.name, '我为政府网站找错');
    assert.deepEqual(
      reportErrors.parts?.map((p) => [p.id, p.points]),
      [
        ['entry', 1],
        ['handling', 3],
      ],
    );
    assert.deepEqual(
      reportErrors.subRules.map((r) => [r.part, r.no, r.scoring]),
      [
        ['entry', 1, { kind: 'once', points: 1 }],
        ['entry', 2, { kind: 'each', points: 0.2, unit: '处' }],
        ['handling', 1, { kind: 'each', points: 1, unit: '条' }],
        ['handling', 2, { kind: 'each', points: 1, unit: '条' }],
      ],
    );
  });

  it('carries the per-finding deductions of the seed', () => {
    const pointsOf = (id: string) =>
      findIndicator(GOV_WEBSITE_CATALOGUE, id)!.subRules.map((r) => r.scoring && maxOfRule(r.scoring));
    assert.deepEqual(pointsOf('deduct.availability'), [0.2, 0.1]);
    assert.deepEqual(pointsOf('deduct.page-tags'), [0.1, 0.1]);
    assert.deepEqual(pointsOf('deduct.site-identity'), [0.5]);
    assert.deepEqual(pointsOf('deduct.interpretation-links'), [0.5, 0.5]);
    assert.deepEqual(pointsOf('deduct.service-guides'), [4, 0.5, 1, 2, 0.5]);
    assert.deepEqual(pointsOf('deduct.consultation-replies'), [4, 4]);
    assert.deepEqual(pointsOf('deduct.message-disclosure'), [6, 1, 3, 3]);
    assert.deepEqual(pointsOf('deduct.site-search'), [4, 1, 1]);
    assert.deepEqual(findIndicator(GOV_WEBSITE_CATALOGUE, 'deduct.service-statistics')!.subRules[1].scoring, {
      kind: 'tiered',
      tiers: [
        { when: '监测时间点前1个月内未更新', points: 1 },
        { when: '监测时间点前3个月内未更新', points: 2 },
      ],
    });
    assert.deepEqual(pointsOf('bonus.data-release'), [2, 1, 1]);
    assert.deepEqual(pointsOf('bonus.realtime-interaction'), [3, 2]);
    assert.deepEqual(pointsOf('bonus.smart-search'), [1, 1, 1]);
  });

  it('marks the 办事服务 indicators and the 服务不实用 veto servicesOnly, and nothing else', () => {
    const servicesOnly = allIndicators(GOV_WEBSITE_CATALOGUE)
      .filter((i) => i.servicesOnly)
      .map((i) => i.id);
    const expected = [
      'veto.impractical-services',
      ...deductions.filter((d) => d.group === '办事服务').map((d) => d.id),
      ...bonuses.filter((b) => b.group === '办事服务').map((b) => b.id),
    ];
    assert.deepEqual(servicesOnly, expected);
    assert.equal(
      deductions.filter((d) => d.servicesOnly).reduce((s, d) => s + d.points, 0),
      25,
    );
  });

  it('records the State Council department variants', () => {
    assert.equal(findIndicator(GOV_WEBSITE_CATALOGUE, 'deduct.overview')?.stateCouncil?.inspected, false);
    const functions = findIndicator(GOV_WEBSITE_CATALOGUE, 'deduct.functions')!;
    assert.equal(functions.stateCouncil?.inspected, true);
    assert.equal(functions.stateCouncil?.points, 4);
    assert.deepEqual(functions.stateCouncil?.subRulePoints, { 1: 4 });
  });
});

describe('every catalogue', () => {
  const catalogues = [GOV_WEBSITE_CATALOGUE, NEW_MEDIA_CATALOGUE, SUPERVISION_CATALOGUE];
  const everything: Indicator[] = catalogues.flatMap((c) => [...allIndicators(c)]);

  it('has unique, stable ASCII ids', () => {
    const ids = everything.map((i) => i.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(\.[a-z0-9-]+)*$/, id);
  });

  it('gives every indicator rule text, a measurement, and unique sub-rule numbers', () => {
    for (const indicator of everything) {
      assert.ok(indicator.subRules.length > 0, indicator.id);
      assert.ok(indicator.measurement.length > 0, indicator.id);
      for (const m of indicator.measurement) assert.ok(['external', 'internal', 'manual'].includes(m), indicator.id);
      const keys = indicator.subRules.map((r) => `${r.part ?? ''}#${r.no}`);
      assert.equal(new Set(keys).size, keys.length, indicator.id);
      for (const rule of indicator.subRules) {
        assert.ok(/\p{Script=Han}/u.test(rule.text), `${indicator.id} #${rule.no}`);
        assert.ok(!/^\d+\./.test(rule.text), `${indicator.id} #${rule.no} keeps its number prefix`);
      }
    }
  });

  it('scores veto rules by presence only, and point rules within their cap', () => {
    for (const indicator of everything) {
      if (indicator.kind === 'veto') {
        assert.ok(
          indicator.subRules.every((r) => r.scoring === undefined),
          indicator.id,
        );
        continue;
      }
      const parts = indicator.kind === 'deduction' ? indicator.parts : undefined;
      if (parts)
        assert.equal(
          parts.reduce((s, p) => s + p.points, 0),
          indicator.points,
          indicator.id,
        );
      for (const rule of indicator.subRules) {
        assert.ok(rule.scoring, `${indicator.id} #${rule.no}`);
        const cap = parts ? parts.find((p) => p.id === rule.part)!.points : indicator.points;
        assert.ok(maxOfRule(rule.scoring) > 0 && maxOfRule(rule.scoring) <= cap, `${indicator.id} #${rule.no}`);
      }
    }
  });
});

describe('政务新媒体 catalogue', () => {
  it('has only the three single-veto items', () => {
    assert.deepEqual(
      NEW_MEDIA_CATALOGUE.vetoes.map((v) => [v.name, v.target, v.subRules.length]),
      [
        ['安全、泄密事故等严重问题', '政务新媒体', 4],
        ['内容不更新', '政务新媒体', 2],
        ['互动回应差', '政务新媒体', 2],
      ],
    );
  });
});

describe('监管工作年度考核指标 catalogue', () => {
  const sumPoints = (c: ScoredCatalogue, key: 'deductions' | 'bonuses') => c[key].reduce((s, i) => s + i.points, 0);

  it('has the veto with its four rules', () => {
    assert.deepEqual(
      SUPERVISION_CATALOGUE.vetoes.map((v) => [v.target, v.subRules.length]),
      [['监管工作', 4]],
    );
  });

  it('has the deductions 10/15/10/5/5+10/20/5+10/10 = 100', () => {
    assert.deepEqual(
      SUPERVISION_CATALOGUE.deductions.map((d) => [d.name, d.points, d.parts?.map((p) => p.points)]),
      [
        ['通报整改', 10, undefined],
        ['抽查检查', 15, undefined],
        ['考核评价', 10, undefined],
        ['全面监管', 5, undefined],
        ['网民监督', 15, [5, 10]],
        ['集约整合', 20, undefined],
        ['年度报表', 15, [5, 10]],
        ['网站域名', 10, undefined],
      ],
    );
    assert.equal(sumPoints(SUPERVISION_CATALOGUE, 'deductions'), 100);
    assert.equal(SUPERVISION_CATALOGUE.deductionTotal, 100);
    assert.equal(
      findIndicator(SUPERVISION_CATALOGUE, 'supervision.deduct.performance-assessment')?.stateCouncil?.inspected,
      false,
    );
  });

  it('has the bonus items 4/5/4/5/2 = 20', () => {
    assert.deepEqual(
      SUPERVISION_CATALOGUE.bonuses.map((b) => b.points),
      [4, 5, 4, 5, 2],
    );
    assert.equal(sumPoints(SUPERVISION_CATALOGUE, 'bonuses'), 20);
    assert.equal(SUPERVISION_CATALOGUE.bonusTotal, 20);
  });
});
