import { Type, type Static } from '@fastify/type-provider-typebox';

export const SiteIdentityFields = {
  name: Type.String({ minLength: 2, maxLength: 100, description: '网站名称' }),
  domains: Type.Array(Type.String({ maxLength: 253 }), {
    minItems: 1,
    maxItems: 10,
    description: '域名，第一个为主域名',
  }),
  siteIdCode: Type.String({ description: '网站标识码' }),
  icpNumber: Type.String({ description: 'ICP 备案号' }),
  policeNumber: Type.String({ description: '公安机关备案号' }),
  sponsor: Type.String({ minLength: 2, maxLength: 100, description: '主办单位' }),
  organizer: Type.Union([Type.String({ maxLength: 100 }), Type.Null()], { description: '承办单位' }),
  phone: Type.String({ description: '联系电话' }),
  email: Type.String({ description: '电子邮箱' }),
  address: Type.String({ minLength: 2, maxLength: 200, description: '联系地址' }),
  conacUrl: Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: '党政机关网站标识链接' }),
  jiucuoEnabled: Type.Boolean({ description: '是否启用“我为政府网站找错”' }),
  jiucuoScriptUrl: Type.String({ maxLength: 500, description: '找错脚本地址' }),
};

export const SiteIdentity = Type.Object(SiteIdentityFields, { additionalProperties: false });
export type SiteIdentity = Static<typeof SiteIdentity>;

export const SiteCreate = Type.Object(
  {
    ...SiteIdentityFields,
    code: Type.String({ pattern: '^[a-z][a-z0-9-]{1,31}$', description: '站点代码' }),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type SiteCreate = Static<typeof SiteCreate>;

export const SiteView = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String(),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
    ...SiteIdentityFields,
  },
  { $id: 'Site' },
);
export type SiteView = Static<typeof SiteView>;
