// 实时智能答问: a citizen's question answered at once from the knowledge base and, through the site search
// (jieba, synonyms, pinyin, typo tolerance), from published replies, service guides and policies — the answer
// with its source, related questions, and “没有找到答案？我要留言” handing the question to the message board.
import { AppError } from '../../platform/errors.ts';
import type { SearchService } from '../search/search.service.ts';
import type { KnowledgeService } from './knowledge.service.ts';
import { QaIndex } from './qa-index.ts';
import { QA_PATH, SUBMIT_PATH } from './board.ts';

export const QA_MAX_CHARS = 100;
/** A pair scoring at least this answers on its own; below it the site's pages are offered instead. */
export const ANSWER_THRESHOLD = 0.42;
const INDEX_MS = 60_000;

export interface QaSource {
  kind: string;
  kindLabel: string;
  title: string;
  url: string;
  snippet: string;
}

export interface QaAnswer {
  query: string;
  answered: boolean;
  answer: (QaSource & { text: string; score: number }) | null;
  sources: QaSource[];
  related: { id: number; question: string; url: string }[];
  handoff: { label: string; url: string };
}

const KIND_OF_SEARCH: Record<string, string> = {
  interaction: '留言答复',
  service: '办事指南',
  policy: '政策文件',
  interpretation: '政策解读',
};

/** The question without asking words, for the site search (which wants all its words found). */
export function searchWords(question: string): string {
  return question
    .replace(
      /请问|我想问一下|我想问|想咨询一下|想咨询|咨询一下|问一下|我想|我要|怎么办理|怎么办|怎么样|怎么|怎样|如何|哪里|哪儿|在哪里|在哪|什么|吗|呢|呀|啊|吧|需要|可以|能否|是否|[？?！!。，,]/g,
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

const stripTags = (html: string) => html.replace(/<[^>]*>/g, '');

export class QaService {
  private readonly indexes = new Map<number, { at: number; index: Promise<QaIndex> }>();

  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly search: SearchService,
  ) {
    knowledge.onChange((siteId) => this.indexes.delete(siteId));
  }

  private index(siteId: number): Promise<QaIndex> {
    const cached = this.indexes.get(siteId);
    if (cached && Date.now() - cached.at < INDEX_MS) return cached.index;
    const index = (async () => {
      const [pairs, synonyms] = await Promise.all([
        this.knowledge.published(siteId),
        this.search.getSynonyms(siteId).catch(() => ({ groups: [] as string[][] })),
      ]);
      return new QaIndex(
        pairs.map((p) => ({
          id: p.id,
          question: p.question,
          variants: p.variants.split('\n').filter(Boolean),
          keywords: p.keywords,
          answer: p.answer,
        })),
        synonyms.groups,
      );
    })();
    this.indexes.set(siteId, { at: Date.now(), index });
    index.catch(() => this.indexes.delete(siteId));
    return index;
  }

  /** Answers a question for a site; `prefix` is how the site's pages are addressed ('' or /site/<code>). */
  async answer(siteId: number, prefix: string, raw: string): Promise<QaAnswer> {
    const query = raw.replace(/\s+/g, ' ').trim();
    if (!query || [...query].length > QA_MAX_CHARS) throw new AppError('QA_QUESTION_INVALID', { max: QA_MAX_CHARS });
    const index = await this.index(siteId);
    const hits = index.search(query, 6);
    const pairs = new Map((await this.knowledge.published(siteId)).map((p) => [p.id, p]));
    const best = hits[0] && hits[0].score >= ANSWER_THRESHOLD ? pairs.get(hits[0].id) : undefined;
    const sources = await this.pages(siteId, prefix, query);
    const handoff = { label: '没有找到答案？我要留言', url: `${prefix}${SUBMIT_PATH}?q=${encodeURIComponent(query)}` };
    const related = hits
      .filter((h) => h.id !== best?.id && h.score >= 0.2)
      .slice(0, 4)
      .map((h) => ({ id: h.id, question: pairs.get(h.id)?.question ?? '', url: `${prefix}${QA_PATH}?id=${h.id}` }))
      .filter((r) => r.question);
    if (best) {
      await this.knowledge.countHit(best.id).catch(() => {});
      return {
        query,
        answered: true,
        answer: {
          kind: 'knowledge',
          kindLabel: '常见问题',
          title: best.question,
          url: `${prefix}${QA_PATH}?id=${best.id}`,
          snippet: best.answer.slice(0, 120),
          text: best.answer,
          score: hits[0]!.score,
        },
        sources,
        related,
        handoff,
      };
    }
    const first = sources[0];
    return {
      query,
      answered: Boolean(first),
      answer: first ? { ...first, text: first.snippet, score: 0 } : null,
      sources: sources.slice(first ? 1 : 0),
      related,
      handoff,
    };
  }

  /** Published replies, guides and policies the site search finds for the question's words. */
  private async pages(siteId: number, prefix: string, query: string): Promise<QaSource[]> {
    const q = searchWords(query) || query;
    const result = await this.search.search({ siteId, prefix }, { q: q.slice(0, 100), pageSize: 5 }).catch(() => null);
    if (!result) return [];
    return result.items.map((item) => ({
      kind: item.kind,
      kindLabel: KIND_OF_SEARCH[item.kind] ?? item.kindLabel,
      title: item.titleText,
      url: item.url,
      snippet: stripTags(item.snippet),
    }));
  }

  /** A pair as its own page (the source link of an answer). */
  async pair(siteId: number, id: number) {
    const p = await this.knowledge.pair(id);
    if (p.site_id !== siteId || p.status !== 'published') throw new AppError('QA_NOT_FOUND');
    return p;
  }

  /** The most asked published questions (the Q&A page's starting list). */
  async popular(siteId: number, limit = 10) {
    return (await this.knowledge.published(siteId)).sort((a, b) => b.hits - a.hits || a.id - b.id).slice(0, limit);
  }
}
