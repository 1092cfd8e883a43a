// Routing by category and keywords: the first enabled rule (in order) whose category fits and one of whose keywords
// occurs in the message sends it to that rule's department; anything else waits for the dispatcher (综合处).
import type { MessageRoute } from './interaction.tables.ts';

export interface RouteRule {
  id: number;
  category: string | null;
  keywords: string[];
  departmentId: number;
  enabled: boolean;
}

export const ruleOf = (r: MessageRoute): RouteRule => ({
  id: r.id,
  category: r.category,
  keywords: JSON.parse(r.keywords) as string[],
  departmentId: r.department_id,
  enabled: r.enabled === 1,
});

const squeeze = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** The rule that takes a message, and the keyword it matched; null: to the dispatcher. */
export function routeMessage(
  rules: readonly RouteRule[],
  message: { category: string; title: string; body: string },
): { rule: RouteRule; keyword: string } | null {
  const text = squeeze(`${message.title} ${message.body}`);
  for (const rule of rules) {
    if (!rule.enabled) continue;
    if (rule.category !== null && rule.category !== message.category) continue;
    const keyword = rule.keywords.find((k) => k.trim() && text.includes(squeeze(k)));
    if (keyword) return { rule, keyword };
  }
  return null;
}

/** Cleans a rule's keywords: trimmed, unique, non-empty, at most 30 of at most 20 characters. */
export function cleanKeywords(keywords: readonly string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim()).filter((k) => k.length > 0 && k.length <= 20))].slice(0, 30);
}
