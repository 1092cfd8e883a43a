// Types for the indicator catalogues of 国办秘函〔2019〕19号 《政府网站与政务新媒体检查指标、监管工作年度考核指标》.
// Types only: the data lives in indicators.ts, the scoring in scoring.ts.

/** How an indicator can be measured. An indicator may list several: each covers part of its sub-rules. */
export type Measurement =
  /** by crawling / monitoring the site from outside, as the State Council's inspectors do */
  | 'external'
  /** from govportal's own database (columns, content, messages, service guides) for sites it hosts */
  | 'internal'
  /** by a human inspector (judgement, simulated users, leaders' recognition …) */
  | 'manual';

export type IndicatorKind = 'veto' | 'deduction' | 'bonus';

/** How a numbered rule turns findings into points (deducted for deduction indicators, gained for bonus ones). */
export type PointRule =
  /** the case occurs at most once: e.g. 未开设概况信息类栏目的，扣2分 */
  | { readonly kind: 'once'; readonly points: number }
  /** per finding: e.g. 每发现一处，扣0.2分; `unit` names what one finding is (处, 个事项 …) */
  | { readonly kind: 'each'; readonly points: number; readonly unit: string }
  /** graded: exactly one of the grades applies, e.g. 1个月内未更新扣1分；3个月内未更新扣2分 */
  | { readonly kind: 'tiered'; readonly tiers: readonly { readonly when: string; readonly points: number }[] };

export interface SubRule {
  /** The seed's number (1., 2. …). Rules the seed prints unnumbered are numbered here in reading order. */
  readonly no: number;
  /** The rule text, in Chinese, as printed in the seed (numbering prefix removed). */
  readonly text: string;
  /** For indicators with parts: which part this rule belongs to (numbers restart in each part, as in the seed). */
  readonly part?: string;
  /** Absent for single-veto rules: any one of them vetoes. */
  readonly scoring?: PointRule;
}

/** A separately capped part of an indicator (我为政府网站找错: 入口 1 + 留言办理 3). */
export interface IndicatorPart {
  readonly id: string;
  readonly name: string;
  readonly points: number;
  /** Text printed before this part's numbered rules. */
  readonly intro?: string;
}

/** How an indicator differs for 国务院部门 (State Council departments') portals. */
export interface StateCouncilVariant {
  /** false: not inspected for them (概况信息; 考核评价 in the supervisors' assessment) */
  readonly inspected: boolean;
  /** their maximum, when it differs (机构职能: 4) */
  readonly points?: number;
  /** per sub-rule points that differ for them, keyed by sub-rule number */
  readonly subRulePoints?: Readonly<Record<number, number>>;
  /** the seed's note */
  readonly note: string;
}

export interface IndicatorBase {
  /** Stable ASCII id, e.g. `veto.site-unreachable`, `deduct.page-tags`, `bonus.smart-search`. */
  readonly id: string;
  readonly kind: IndicatorKind;
  /** Chinese name exactly as in the seed. */
  readonly name: string;
  /** Short name for tables and logs. */
  readonly alias?: string;
  /** Text printed before the numbered rules (e.g. 随机抽查5个办事服务事项：). */
  readonly intro?: string;
  readonly subRules: readonly SubRule[];
  /** The seed's （注：…） for this indicator. */
  readonly note?: string;
  readonly measurement: readonly Measurement[];
  /** Not inspected for departments without public-service functions (没有对外服务职能). */
  readonly servicesOnly?: true;
  readonly stateCouncil?: StateCouncilVariant;
}

/** Any one sub-rule found → the site (account, supervisor) fails. */
export interface VetoIndicator extends IndicatorBase {
  readonly kind: 'veto';
  /** 检查对象 */
  readonly target: '政府网站' | '政务新媒体' | '监管工作';
}

export interface DeductionIndicator extends IndicatorBase {
  readonly kind: 'deduction';
  /** 一级指标 */
  readonly group: string;
  /** Maximum deduction: the deductions of one indicator never exceed it. */
  readonly points: number;
  /** Separately capped parts; their points sum to `points`. */
  readonly parts?: readonly IndicatorPart[];
}

export interface BonusIndicator extends IndicatorBase {
  readonly kind: 'bonus';
  readonly group: string;
  /** Maximum bonus for this indicator. */
  readonly points: number;
}

export type Indicator = VetoIndicator | DeductionIndicator | BonusIndicator;
export type PointIndicator = DeductionIndicator | BonusIndicator;

export interface IndicatorGroup {
  readonly name: string;
  readonly points: number;
}

/** A catalogue scored in three stages: veto → deductions (out of `deductionTotal`) → bonus (up to `bonusTotal`). */
export interface ScoredCatalogue {
  readonly id: string;
  readonly title: string;
  readonly deductionTotal: number;
  readonly bonusTotal: number;
  readonly deductionGroups: readonly IndicatorGroup[];
  readonly bonusGroups: readonly IndicatorGroup[];
  readonly vetoes: readonly VetoIndicator[];
  readonly deductions: readonly DeductionIndicator[];
  readonly bonuses: readonly BonusIndicator[];
}

/** 政务新媒体 are only checked against single-veto items. */
export interface VetoOnlyCatalogue {
  readonly id: string;
  readonly title: string;
  readonly vetoes: readonly VetoIndicator[];
}
