// Ajv's English validation errors, restated in Chinese for the {error:{code,message}} body.
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';

function describe(e: FastifySchemaValidationError): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `缺少必填项 ${String(p.missingProperty)}`;
    case 'minLength':
      return `长度不能少于 ${String(p.limit)} 个字符`;
    case 'maxLength':
      return `长度不能超过 ${String(p.limit)} 个字符`;
    case 'minimum':
      return `不能小于 ${String(p.limit)}`;
    case 'maximum':
      return `不能大于 ${String(p.limit)}`;
    case 'minItems':
      return `至少需要 ${String(p.limit)} 项`;
    case 'maxItems':
      return `最多 ${String(p.limit)} 项`;
    case 'pattern':
    case 'format':
      return '格式不正确';
    case 'type':
      return `类型应为 ${String(p.type)}`;
    case 'additionalProperties':
      return `不允许的字段 ${String(p.additionalProperty)}`;
    case 'enum':
    case 'anyOf':
    case 'const':
      return '取值不在允许范围内';
    default:
      return '不符合要求';
  }
}

export function validationMessage(
  errors: FastifySchemaValidationError[],
  context: string | undefined,
): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const e of errors) {
    const p = e.params as Record<string, unknown>;
    const path =
      (e.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
      String(p.missingProperty ?? p.additionalProperty ?? context ?? '');
    fields[path] ??= describe(e);
  }
  const where = context === 'querystring' ? '查询参数' : context === 'params' ? '路径参数' : '提交的内容';
  const list = Object.entries(fields).map(([k, v]) => (k ? `${k}：${v}` : v));
  return { message: `${where}不符合要求：${list.join('；')}`, fields };
}
