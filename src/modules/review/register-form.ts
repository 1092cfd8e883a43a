// The 附件3 信息发布审查表 as both exports print it: its title, its notes, and which opinion text is worth printing.
import type { RegisterOpinion } from './review.schema.ts';

export const FORM_TITLE = '信息发布审查表';
export const SHEET_NAME = '信息发布审查登记';
/** The columns 附件3 prints as boxes; any other is written under 其他. */
export const COLUMN_BOXES = ['部门动态', '通知公告', '便民信息', '最多跑一次改革'] as const;
export const FORM_NOTES = [
  '注：1.本表由机关、单位信息发布主管部门负责组织填写和保管；',
  '2.机关、单位发布信息均应进行登记；',
  '3.请在相应的“□”打“√”；',
  '4.不明确事项应当由机关、单位保密工作机构组织保密审查；',
  '5.其他发布栏目参照“门户网站有关栏目任务分解表”。',
];

/** The opinion text worth printing: nothing when it only repeats the decision. */
export function extraOpinion(op: RegisterOpinion): string {
  const text = op.opinion.trim();
  return text === '' || text === op.decision || text === '同意' ? '' : text;
}
