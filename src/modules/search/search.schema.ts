// Request and response schemas of site search; the types are their Static<> (the admin console imports them).
import { type Static, Type } from '@fastify/type-provider-typebox';
import { KIND_NAMES, type Kind } from './kinds.ts';

const KindOnly = Type.Unsafe<Kind>(Type.String({ enum: [...KIND_NAMES], description: '结果分类' }));
export const KindOrAll = Type.Unsafe<Kind | 'all'>(
  Type.String({
    enum: ['all', ...KIND_NAMES],
    description:
      '结果分类：all 全部，policy 政策文件，interpretation 政策解读，news 新闻动态，notice 通知公告，service 办事服务，interaction 互动问答，other 其他',
  }),
);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 yyyy-MM-dd（北京时间）' });
const SiteCode = Type.String({
  pattern: '^[a-z][a-z0-9-]{1,31}$',
  description: '在哪个站点搜索（站点代码）；默认是所访问域名的站点。上级站点的搜索包含其下级站点',
});

export const SortOrder = Type.Union([Type.Literal('relevance'), Type.Literal('date')], {
  description: 'relevance 按相关度（默认），date 按时间',
});
export type SortOrder = Static<typeof SortOrder>;

export const SearchQuery = Type.Object({
  q: Type.String({
    minLength: 1,
    maxLength: 100,
    description: '搜索关键词（支持拼音、拼音首字母、同义词，容错一个错别字）',
  }),
  kind: Type.Optional(KindOrAll),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  column: Type.Optional(Type.Integer({ minimum: 1, description: '栏目（含下级栏目）' })),
  site: Type.Optional(Type.Integer({ minimum: 1, description: '只看该站点（站群搜索时）' })),
  scope: Type.Optional(SiteCode),
  sort: Type.Optional(SortOrder),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
export type SearchQuery = Static<typeof SearchQuery>;
/** A search as the service takes it: the query without the site scope (resolved from the request). */
export type SearchInput = Omit<SearchQuery, 'scope'>;

export const SuggestQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50, description: '已输入的文字或拼音' }),
  scope: Type.Optional(SiteCode),
});
export type SuggestQuery = Static<typeof SuggestQuery>;

export const CardLink = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 30, description: '链接文字' }),
    url: Type.String({
      minLength: 1,
      maxLength: 500,
      pattern: '^(https?://|/)',
      description: '以 http://、https:// 或 / 开头',
    }),
  },
  { additionalProperties: false },
);

export const CardView = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  keywords: Type.Array(Type.String()),
  links: Type.Array(Type.Object({ title: Type.String(), url: Type.String() })),
  sort: Type.Integer(),
  enabled: Type.Boolean(),
});
export type CardLink = Static<typeof CardLink>;
export type CardView = Static<typeof CardView>;
export const CardList = Type.Object({ items: Type.Array(CardView) });
export type CardList = Static<typeof CardList>;

export const CardInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 50, description: '卡片标题' }),
    description: Type.String({ maxLength: 200, description: '简要说明' }),
    keywords: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), {
      minItems: 1,
      maxItems: 30,
      description: '触发关键词（也按同义词、拼音匹配）',
    }),
    links: Type.Array(CardLink, { minItems: 1, maxItems: 8, description: '直达链接' }),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export type CardInput = Static<typeof CardInput>;

export const CardParams = Type.Object({ siteId: Type.Integer({ minimum: 1 }), cardId: Type.Integer({ minimum: 1 }) });

const Html = (description: string) =>
  Type.String({ description: `${description}（HTML：已转义，匹配处以 <em> 标出）` });

export const SearchResultView = Type.Object({
  query: Type.String(),
  correctedQuery: Type.Union([Type.String(), Type.Null()], {
    description: '原关键词无结果时，按纠正后的关键词给出的结果',
  }),
  fuzzy: Type.Boolean({ description: '模糊匹配（容错）的结果' }),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  pages: Type.Integer(),
  kind: KindOrAll,
  sort: SortOrder,
  kinds: Type.Array(Type.Object({ kind: KindOrAll, label: Type.String(), count: Type.Integer() }), {
    description: '分类标签及结果数（第一个为“全部”）',
  }),
  sites: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), count: Type.Union([Type.Integer(), Type.Null()]) }),
    { description: '站群搜索时的各站点及结果数（结果过多时不分站计数，为 null）' },
  ),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Html('标题'),
      titleText: Type.String(),
      url: Type.String(),
      kind: KindOnly,
      kindLabel: Type.String(),
      site: Type.Object({ id: Type.Integer(), name: Type.String() }),
      column: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
      pubDate: Type.String(),
      snippet: Html('摘要'),
      docNumber: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  suggestions: Type.Array(Type.String(), { description: '相关搜索或纠错建议' }),
  hotWords: Type.Array(Type.String(), { description: '热门搜索' }),
  serviceCards: Type.Array(CardView, { description: '搜索即服务：与关键词匹配的服务卡片' }),
  expanded: Type.Array(Type.String(), { description: '同时搜索的同义词、拼音对应词' }),
  approximate: Type.Boolean({
    description: '结果超过 1000 条时，各分类的条数为估计值（SQLite 总数准确；PostgreSQL 总数亦为估计值）',
  }),
});

export type SearchResult = Static<typeof SearchResultView>;
export type SearchItem = SearchResult['items'][number];

export const SuggestItem = Type.Object({
  text: Type.String(),
  type: Type.Union([Type.Literal('query'), Type.Literal('term'), Type.Literal('title')], {
    description: 'query 热门搜索，term 常用词，title 标题',
  }),
  url: Type.Optional(Type.String()),
});
export type SuggestItem = Static<typeof SuggestItem>;
export const SuggestView = Type.Object({ query: Type.String(), items: Type.Array(SuggestItem) });
export type SuggestView = Static<typeof SuggestView>;

export const SynonymsView = Type.Object({
  groups: Type.Array(Type.Array(Type.String())),
  isDefault: Type.Boolean({ description: '尚未设置时使用系统默认的同义词表' }),
});
export type SynonymsView = Static<typeof SynonymsView>;

export const SynonymsInput = Type.Object(
  {
    groups: Type.Array(Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { minItems: 2, maxItems: 20 }), {
      maxItems: 1000,
      description: '同义词组：组内各词互为同义词',
    }),
  },
  { additionalProperties: false },
);
export type SynonymsInput = Static<typeof SynonymsInput>;

export const ReportQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: '统计最近多少天（默认 30）' })),
});

export const ReportView = Type.Object({
  from: Type.String(),
  to: Type.String(),
  searches: Type.Integer(),
  zeroResultSearches: Type.Integer(),
  zeroResults: Type.Array(Type.Object({ query: Type.String(), count: Type.Integer(), lastAt: Type.String() }), {
    description: '没有结果的搜索词及次数',
  }),
  top: Type.Array(Type.Object({ query: Type.String(), count: Type.Integer() })),
});
export type SearchReport = Static<typeof ReportView>;
