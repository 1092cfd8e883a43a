// The handling time limits of a site's messages, per category, in working days on the statutory calendar:
// 签收 within 3 working days; a 咨询 answered within 1 working day as the target (实时互动 rewards it) and every
// reply within 5 working days at most (办理答复); 找错 answered within 3 working days and closed (办结) within one
// month. The site administrator may tighten them per category; nothing may exceed the rules' maxima.
import { AppError } from '../../platform/errors.ts';

export const BOARD_CATEGORIES = ['咨询', '建议', '投诉'] as const;
export const CATEGORIES = [...BOARD_CATEGORIES, '纠错'] as const;
export type BoardCategory = (typeof BOARD_CATEGORIES)[number];
export type Category = (typeof CATEGORIES)[number];

export const CHANNELS = ['board', 'local-error', 'national-error'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_NAMES: Record<Channel, string> = {
  board: '留言板',
  'local-error': '本站纠错',
  'national-error': '全国政府网站找错平台',
};

export interface CategoryLimits {
  /** 签收: working days from submission. */
  signDays: number;
  /** The reply the site aims for (咨询: 1 working day). */
  replyTargetDays: number;
  /** The latest reply allowed (办理答复: 5 working days; 找错: 3). */
  replyLimitDays: number;
  /** 办结 in months from receipt (找错: one month); null when the reply closes the message. */
  closeMonths: number | null;
}

export interface InteractionPolicy {
  categories: Record<Category, CategoryLimits>;
  /** Reminders go out this many working days before a deadline (0: on the due day only). */
  remindDaysBefore: number;
  /** The department whose dispatcher receives what no rule routes (综合处); null: the first department. */
  dispatcherDepartmentId: number | null;
}

/** The rules' maxima: what a site may shorten but never lengthen. */
export const MAXIMA: Record<Category, CategoryLimits> = {
  咨询: { signDays: 3, replyTargetDays: 5, replyLimitDays: 5, closeMonths: null },
  建议: { signDays: 3, replyTargetDays: 5, replyLimitDays: 5, closeMonths: null },
  投诉: { signDays: 3, replyTargetDays: 5, replyLimitDays: 5, closeMonths: null },
  纠错: { signDays: 3, replyTargetDays: 3, replyLimitDays: 3, closeMonths: 1 },
};

export const DEFAULT_POLICY: InteractionPolicy = {
  categories: {
    咨询: { signDays: 3, replyTargetDays: 1, replyLimitDays: 5, closeMonths: null },
    建议: { signDays: 3, replyTargetDays: 5, replyLimitDays: 5, closeMonths: null },
    投诉: { signDays: 3, replyTargetDays: 5, replyLimitDays: 5, closeMonths: null },
    纠错: { signDays: 1, replyTargetDays: 3, replyLimitDays: 3, closeMonths: 1 },
  },
  remindDaysBefore: 1,
  dispatcherDepartmentId: null,
};

export const policyKey = (siteId: number) => `interaction.policy.${siteId}`;

/** The problem with a policy, in Chinese, or null. */
export function policyProblem(policy: InteractionPolicy): string | null {
  for (const category of CATEGORIES) {
    const limits = policy.categories[category];
    const max = MAXIMA[category];
    if (!limits) return `缺少“${category}”的时限`;
    for (const [key, label] of [
      ['signDays', '签收时限'],
      ['replyTargetDays', '答复目标'],
      ['replyLimitDays', '答复时限'],
    ] as const) {
      const value = limits[key];
      if (!Number.isInteger(value) || value < 1) return `“${category}”的${label}须为不少于 1 的整数`;
      if (value > max[key]) return `“${category}”的${label}不能超过 ${max[key]} 个工作日`;
    }
    if (limits.replyTargetDays > limits.replyLimitDays) return `“${category}”的答复目标不能晚于答复时限`;
    if (limits.signDays > limits.replyLimitDays) return `“${category}”的签收时限不能晚于答复时限`;
    if (max.closeMonths !== null && limits.closeMonths !== max.closeMonths)
      return `“${category}”须在 ${max.closeMonths} 个月内办结`;
  }
  if (!Number.isInteger(policy.remindDaysBefore) || policy.remindDaysBefore < 0 || policy.remindDaysBefore > 3)
    return '提前提醒的天数须为 0 到 3 的整数';
  return null;
}

/** A stored policy read back: missing parts take the defaults (a policy saved before a category existed). */
export function completePolicy(stored: Partial<InteractionPolicy> | null): InteractionPolicy {
  return {
    categories: { ...DEFAULT_POLICY.categories, ...(stored?.categories ?? {}) },
    remindDaysBefore: stored?.remindDaysBefore ?? DEFAULT_POLICY.remindDaysBefore,
    dispatcherDepartmentId: stored?.dispatcherDepartmentId ?? null,
  };
}

export function assertPolicy(policy: InteractionPolicy): void {
  const problem = policyProblem(policy);
  if (problem) throw new AppError('MESSAGE_POLICY_INVALID', { problem });
}

export const isBoardCategory = (value: unknown): value is BoardCategory =>
  typeof value === 'string' && (BOARD_CATEGORIES as readonly string[]).includes(value);
