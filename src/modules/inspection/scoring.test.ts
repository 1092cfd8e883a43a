import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GOV_WEBSITE_CATALOGUE, SUPERVISION_CATALOGUE, allIndicators } from './indicators.ts';
import type { ScoredCatalogue } from './indicators.schema.ts';
import {
  InspectionInputError,
  scoreInspection,
  type Finding,
  type IndicatorOutcome,
  type IndicatorResult,
  type InspectionScore,
} from './scoring.ts';

/** Every indicator of the catalogue measured, carrying the given findings. */
const measuredAll = (findings: Finding[], catalogue: ScoredCatalogue = GOV_WEBSITE_CATALOGUE): IndicatorResult[] =>
  allIndicators(catalogue).map((indicator) => ({
    indicatorId: indicator.id,
    status: 'measured',
    findings: findings.filter((f) => f.indicatorId === indicator.id),
  }));

const finding = (indicatorId: string, points: number, extra: Partial<Finding> = {}): Finding => ({
  indicatorId,
  points,
  message: `${indicatorId} −${points}`,
  ...extra,
});

/** One finding per indicator, each within the indicator's cap. */
const losing = (points: Record<string, number>): Finding[] => Object.entries(points).map(([id, p]) => finding(id, p));

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

const outcome = (score: InspectionScore, id: string): IndicatorOutcome => {
  const found = [...score.vetoes, ...(score.deductions ?? []), ...(score.bonuses ?? [])].find(
    (o) => o.indicatorId === id,
  );
  assert.ok(found, `no outcome for ${id}`);
  return found;
};

// 发布解读 entirely (31) + 信息提交 7 + 一号登录 2 = 40 points lost
const LOSE_40 = {
  'deduct.overview': 2,
  'deduct.functions': 2,
  'deduct.leaders': 2,
  'deduct.news': 5,
  'deduct.policy-documents': 5,
  'deduct.policy-interpretations': 5,
  'deduct.interpretation-ratio': 3,
  'deduct.interpretation-links': 3,
  'deduct.other-columns': 4,
  'deduct.message-submission': 7,
  'deduct.single-sign-on': 2,
};
const SOME_BONUS = [finding('bonus.smart-search', 2), finding('bonus.user-space', 2)];

describe('scoreInspection: single veto', () => {
  it('fails the site on any veto finding and scores nothing else', () => {
    const score = scoreInspection(
      measuredAll([
        { indicatorId: 'veto.site-unreachable', subRule: 1, message: '超时占比 7.5%', evidence: { ratio: 0.075 } },
        ...losing({ 'deduct.news': 5 }),
        ...SOME_BONUS,
      ]),
    );
    assert.equal(score.verdict, '不合格');
    assert.equal(score.decidedAt, 'veto');
    assert.equal(score.deductionScore, null);
    assert.equal(score.bonusScore, null);
    assert.equal(score.totalScore, null);
    assert.equal(score.deductions, null);
    assert.equal(score.bonuses, null);
    assert.equal(score.vetoReasons.length, 1);
    assert.equal(score.vetoReasons[0].name, '站点无法访问');
    assert.equal(score.vetoReasons[0].message, '超时占比 7.5%');
    assert.match(score.vetoReasons[0].rule ?? '', /15秒/);
    assert.deepEqual(score.vetoReasons[0].evidence, { ratio: 0.075 });
    assert.equal(outcome(score, 'veto.site-unreachable').status, '否决');
    assert.equal(outcome(score, 'veto.security').status, '通过');
  });

  it('lists every veto reason', () => {
    const score = scoreInspection(
      measuredAll([
        { indicatorId: 'veto.security', subRule: 5, message: '伪造发稿日期' },
        { indicatorId: 'veto.columns-not-updated', subRule: 3, message: '空白栏目6个' },
      ]),
    );
    assert.deepEqual(
      score.vetoReasons.map((r) => [r.indicatorId, r.subRule]),
      [
        ['veto.security', 5],
        ['veto.columns-not-updated', 3],
      ],
    );
  });
});

describe('scoreInspection: deductions', () => {
  it('passes a clean site with 100 and scores the bonus', () => {
    const score = scoreInspection(measuredAll(SOME_BONUS));
    assert.equal(score.deductionScore, 100);
    assert.equal(score.bonusScore, 4);
    assert.equal(score.totalScore, 104);
    assert.equal(score.complete, true);
    assert.equal(outcome(score, 'deduct.news').status, '通过');
    assert.equal(outcome(score, 'bonus.smart-search').status, '加分');
    assert.equal(outcome(score, 'bonus.surveys').status, '未得分');
  });

  it('caps an indicator at its points: 12 broken links at 0.1 cost 1 point, not 1.2', () => {
    const links = times(12, (i) =>
      finding('deduct.availability', 0.1, { subRule: 2, evidence: { url: `https://example.gov.cn/${i}` } }),
    );
    const score = scoreInspection(measuredAll(links));
    const availability = outcome(score, 'deduct.availability');
    assert.equal(availability.status, '扣分');
    assert.equal(availability.rawPoints, 1.2);
    assert.equal(availability.points, 1);
    assert.equal(availability.capped, true);
    assert.equal(score.deductionScore, 99);
  });

  it('caps each part of 我为政府网站找错 separately (entry 1, handling 3)', () => {
    const findings = [
      ...times(8, () => finding('deduct.report-errors', 0.2, { part: 'entry', subRule: 2 })),
      finding('deduct.report-errors', 1, { part: 'handling', subRule: 1 }),
      finding('deduct.report-errors', 1, { part: 'handling', subRule: 2 }),
    ];
    const reportErrors = outcome(scoreInspection(measuredAll(findings)), 'deduct.report-errors');
    assert.equal(reportErrors.points, 3);
    assert.deepEqual(
      reportErrors.parts?.map((p) => [p.id, p.points, p.capped]),
      [
        ['entry', 1, true],
        ['handling', 2, false],
      ],
    );
    const handlingOnly = times(5, () => finding('deduct.report-errors', 1, { part: 'handling' }));
    assert.equal(outcome(scoreInspection(measuredAll(handlingOnly)), 'deduct.report-errors').points, 3);
  });

  it('adds in hundredths: 0.1 × 3 is exactly 0.3', () => {
    const tags = times(3, () => finding('deduct.page-tags', 0.1, { subRule: 1 }));
    const score = scoreInspection(measuredAll(tags));
    assert.equal(outcome(score, 'deduct.page-tags').points, 0.3);
    assert.equal(score.deductedPoints, 0.3);
    assert.equal(score.deductionScore, 99.7);
  });

  it("takes a finding's points from its sub-rule when not given", () => {
    const findings: Finding[] = [
      { indicatorId: 'deduct.availability', subRule: 1, message: '首页链接打不开' },
      { indicatorId: 'deduct.service-guides', subRule: 1, message: '无办事指南' },
      { indicatorId: 'deduct.report-errors', part: 'entry', subRule: 1, message: '首页无找错入口' },
    ];
    const score = scoreInspection(measuredAll(findings));
    assert.equal(outcome(score, 'deduct.availability').points, 0.2);
    assert.equal(outcome(score, 'deduct.service-guides').points, 4);
    assert.equal(outcome(score, 'deduct.report-errors').points, 1);
    assert.equal(score.deductionScore, 94.8);
  });
});

describe('scoreInspection: thresholds', () => {
  it('59.9 is 不合格', () => {
    const score = scoreInspection(measuredAll([...losing({ ...LOSE_40, 'deduct.page-tags': 0.1 }), ...SOME_BONUS]));
    assert.equal(score.deductionScore, 59.9);
    assert.equal(score.verdict, '不合格');
    assert.equal(score.decidedAt, 'deduction');
    assert.equal(score.bonusScore, null);
    assert.equal(score.bonuses, null);
    assert.equal(score.totalScore, 59.9);
  });

  it('60 is 合格 without bonus', () => {
    const score = scoreInspection(measuredAll([...losing(LOSE_40), ...SOME_BONUS]));
    assert.equal(score.deductionScore, 60);
    assert.equal(score.verdict, '合格');
    assert.equal(score.bonusScore, null);
    assert.equal(score.totalScore, 60);
  });

  it('80 is 合格 without bonus', () => {
    const lose20 = losing({
      'deduct.news': 5,
      'deduct.policy-documents': 5,
      'deduct.message-submission': 7,
      'deduct.unified-login': 3,
    });
    const score = scoreInspection(measuredAll([...lose20, ...SOME_BONUS]));
    assert.equal(score.deductionScore, 80);
    assert.equal(score.verdict, '合格');
    assert.equal(score.decidedAt, 'deduction');
    assert.equal(score.bonusScore, null);
    assert.equal(score.totalScore, 80);
  });

  it('80.1 gets the bonus added', () => {
    const lose19_9 = losing({
      'deduct.news': 5,
      'deduct.policy-documents': 5,
      'deduct.message-submission': 7,
      'deduct.domain-name': 2,
      'deduct.availability': 0.9,
    });
    const score = scoreInspection(measuredAll([...lose19_9, ...SOME_BONUS]));
    assert.equal(score.deductionScore, 80.1);
    assert.equal(score.verdict, '合格');
    assert.equal(score.decidedAt, 'bonus');
    assert.equal(score.bonusScore, 4);
    assert.equal(score.totalScore, 84.1);
  });

  it('caps each bonus indicator, and the bonus at 30', () => {
    const every = GOV_WEBSITE_CATALOGUE.bonuses.map((b) => finding(b.id, b.points));
    const extra = times(5, () => finding('bonus.smart-search', 1, { subRule: 3 }));
    const score = scoreInspection(measuredAll([...every, ...extra]));
    assert.equal(outcome(score, 'bonus.smart-search').points, 4);
    assert.equal(outcome(score, 'bonus.smart-search').capped, true);
    assert.equal(score.bonusScore, 30);
    assert.equal(score.totalScore, 130);
  });
});

describe('scoreInspection: variants', () => {
  it('without public services: 办事服务 not inspected, out of 75 × 4/3 (15 lost → 80)', () => {
    const findings = [
      ...losing({ 'deduct.news': 5, 'deduct.policy-documents': 5, 'deduct.other-columns': 4, 'deduct.ipv6': 1 }),
      // findings on indicators that are not inspected for such departments are ignored
      { indicatorId: 'veto.impractical-services', subRule: 1, message: '未提供办事服务' },
      finding('deduct.service-guides', 8),
      ...SOME_BONUS,
    ];
    const score = scoreInspection(measuredAll(findings), { noPublicServices: true });
    assert.deepEqual(score.deductionBase, { inspectedPoints: 75, fullPoints: 100 });
    assert.equal(score.deductedPoints, 15);
    assert.equal(score.deductionScore, 80);
    assert.equal(score.verdict, '合格');
    assert.equal(score.bonusScore, null);
    assert.equal(outcome(score, 'veto.impractical-services').status, '不检查');
    assert.equal(outcome(score, 'deduct.service-guides').status, '不检查');
    assert.equal(outcome(score, 'deduct.service-guides').points, null);
    assert.equal(score.untested.deductionPoints, 0);
    assert.equal(score.complete, true);
  });

  it('keeps the 4/3 fraction exact until the end (1 lost → 98.67)', () => {
    const score = scoreInspection(measuredAll(losing({ 'deduct.ipv6': 1 })), { noPublicServices: true });
    assert.equal(score.deductionScore, 98.67);
    assert.equal(score.totalScore, 98.67);
  });

  it('State Council departments: 概况信息 not inspected, 机构职能 worth 4', () => {
    const findings: Finding[] = [
      { indicatorId: 'deduct.functions', subRule: 1, message: '未开设机构职能类栏目' },
      finding('deduct.overview', 2),
    ];
    const score = scoreInspection(measuredAll(findings), { stateCouncilDepartment: true });
    assert.deepEqual(score.deductionBase, { inspectedPoints: 100, fullPoints: 100 });
    assert.equal(outcome(score, 'deduct.overview').status, '不检查');
    assert.equal(outcome(score, 'deduct.functions').maxPoints, 4);
    assert.equal(outcome(score, 'deduct.functions').points, 4);
    assert.equal(score.deductionScore, 96);
  });

  it('scores the supervisors catalogue the same way (State Council: out of 90 × 10/9)', () => {
    const findings = [
      finding('supervision.deduct.spot-checks', 5, { subRule: 2 }),
      finding('supervision.deduct.domain-names', 4),
    ];
    const options = { catalogue: SUPERVISION_CATALOGUE, stateCouncilDepartment: true };
    const score = scoreInspection(measuredAll(findings, SUPERVISION_CATALOGUE), options);
    assert.deepEqual(score.deductionBase, { inspectedPoints: 90, fullPoints: 100 });
    assert.equal(score.deductionScore, 90);
    assert.equal(score.decidedAt, 'bonus');
  });
});

describe('scoreInspection: untested indicators', () => {
  it('reports untested indicators and their points, never as passed', () => {
    const results = measuredAll([]).filter(
      (r) => !['veto.site-unreachable', 'deduct.consultation-replies', 'bonus.innovation'].includes(r.indicatorId),
    );
    results.push({ indicatorId: 'deduct.consultation-replies', status: 'untested', reason: '未安排模拟咨询' });
    const score = scoreInspection(results);
    assert.equal(score.complete, false);
    assert.equal(score.untested.deductionPoints, 7);
    assert.equal(score.untested.bonusPoints, 3);
    assert.deepEqual(
      score.untested.vetoes.map((v) => [v.indicatorId, v.reason]),
      [['veto.site-unreachable', '没有检测结果']],
    );
    const replies = outcome(score, 'deduct.consultation-replies');
    assert.equal(replies.status, '未检测');
    assert.equal(replies.reason, '未安排模拟咨询');
    assert.equal(replies.points, null);
    assert.equal(outcome(score, 'veto.site-unreachable').status, '未检测');
    assert.equal(outcome(score, 'bonus.innovation').status, '未检测');
    assert.equal(score.deductionScore, 100);
  });

  it('counts an empty result list as entirely untested', () => {
    const score = scoreInspection([]);
    assert.equal(score.untested.deductionPoints, 100);
    assert.equal(score.untested.bonusPoints, 30);
    assert.equal(score.untested.vetoes.length, 6);
    assert.ok([...score.vetoes, ...score.deductions!].every((o) => o.status === '未检测'));
  });

  it('leaves variant-excluded indicators out of the untested points', () => {
    const score = scoreInspection([], { noPublicServices: true });
    assert.equal(score.untested.deductionPoints, 75);
    assert.equal(score.untested.bonusPoints, 24);
    assert.equal(score.untested.vetoes.length, 5);
  });
});

describe('scoreInspection: invalid input', () => {
  const rejects = (results: IndicatorResult[]) => assert.throws(() => scoreInspection(results), InspectionInputError);

  it('rejects unknown ids, duplicates, misfiled findings and unknown sub-rules', () => {
    rejects([{ indicatorId: 'deduct.nope', status: 'measured', findings: [] }]);
    rejects([
      { indicatorId: 'deduct.news', status: 'measured', findings: [] },
      { indicatorId: 'deduct.news', status: 'untested', reason: '重复' },
    ]);
    rejects([{ indicatorId: 'deduct.news', status: 'measured', findings: [finding('deduct.ipv6', 1)] }]);
    rejects([
      { indicatorId: 'deduct.news', status: 'measured', findings: [finding('deduct.news', 5, { subRule: 9 })] },
    ]);
    rejects([{ indicatorId: 'deduct.news', status: 'untested', reason: ' ' }]);
  });

  it('requires the part on 我为政府网站找错 and explicit points on graded rules', () => {
    rejects(measuredAll([finding('deduct.report-errors', 1)]));
    rejects(measuredAll([finding('deduct.news', 5, { part: 'entry' })]));
    rejects(measuredAll([{ indicatorId: 'deduct.service-statistics', subRule: 2, message: '3个月未更新' }]));
  });

  it('rejects negative points and points finer than 0.01', () => {
    rejects(measuredAll([finding('deduct.news', -1)]));
    rejects(measuredAll([finding('deduct.availability', 0.015)]));
  });
});

it('a part that could not be measured is reported untested, never passed (找错留言办理)', () => {
  const score = scoreInspection([
    {
      indicatorId: 'deduct.report-errors',
      status: 'measured',
      findings: [],
      untestedParts: [{ part: 'handling', reason: '外部无法检测' }],
    },
  ]);
  const outcome = score.deductions!.find((d) => d.indicatorId === 'deduct.report-errors')!;
  assert.equal(outcome.status, '通过');
  assert.ok(
    score.untested.indicators.some(
      (i) => i.name === '我为政府网站找错（找错留言办理）' && i.maxPoints === 3 && i.reason === '外部无法检测',
    ),
  );
  const without = scoreInspection([{ indicatorId: 'deduct.report-errors', status: 'measured', findings: [] }]);
  assert.equal(score.untested.deductionPoints, without.untested.deductionPoints + 3);
});
