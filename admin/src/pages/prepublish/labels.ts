// Chinese names of the pre-publish checks and of the fields a finding is in.
import type { CheckKind } from '../../../../src/modules/prepublish/prepublish.schema.ts';

export const CHECK_NAMES: Record<CheckKind, string> = {
  'forbidden-word': '禁用词',
  'error-prone': '易错词',
  'leader-post': '领导职务',
  'id-number': '身份证号',
  mobile: '手机号码',
  'bank-card': '银行卡号',
  'broken-link': '链接失效',
  'image-alt': '图片替代文字',
  'attachment-unchecked': '附件未检查',
};

export const PERSONAL_CHECKS: readonly CheckKind[] = ['id-number', 'mobile', 'bank-card'];

const FIELD_NAMES: Record<string, string> = { title: '标题', subtitle: '副标题', summary: '摘要', body: '正文' };

export function fieldName(field: string): string {
  if (field.startsWith('attachment:')) return `附件“${field.slice('attachment:'.length)}”`;
  return FIELD_NAMES[field] ?? field;
}
