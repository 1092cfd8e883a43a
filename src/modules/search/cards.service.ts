// Service cards (搜索即服务): per site, cards with keywords and direct links shown above the results when a
// query names one of their keywords — directly, through a synonym or as pinyin (shebao → 社保).
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Clock } from '../../platform/time.ts';
import type { SitesService } from '../sites/sites.service.ts';
import * as repo from './cards.repository.ts';
import type { Plan } from './query.ts';
import type { CardInput, CardView } from './search.schema.ts';
import { cardView } from './search.presenter.ts';
import type { SearchPlanContext } from './synonyms.service.ts';
import { isLatinWord, normalize, pinyinOf, titleKey } from './text.ts';

/** At most this many cards above the results. */
const SHOWN_CARDS = 3;

export class ServiceCardsService {
  private readonly enabled = new Map<number, Promise<CardView[]>>();
  /** Cards other modules derive from their records (办事服务: items and themes), shown before the site's own. */
  private readonly sources: ((siteId: number) => Promise<CardView[]>)[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sites: SitesService,
    /** Runs after a site's cards changed (the results-page cache drops the pages showing them). */
    private readonly changed: () => void = () => undefined,
  ) {}

  async list(siteId: number): Promise<CardView[]> {
    await this.sites.get(siteId);
    return (await repo.listCards(this.db, siteId)).map(cardView);
  }

  private enabledCards(siteId: number): Promise<CardView[]> {
    let c = this.enabled.get(siteId);
    if (!c) {
      c = repo.listCards(this.db, siteId).then((rows) => rows.map(cardView).filter((card) => card.enabled));
      c.catch(() => this.enabled.delete(siteId));
      this.enabled.set(siteId, c);
    }
    return c;
  }

  private check(input: CardInput): CardInput {
    const keywords = [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))];
    if (keywords.length === 0) throw new AppError('CARD_KEYWORDS_REQUIRED');
    for (const link of input.links) {
      if (!/^(https?:\/\/[^\s]+|\/[^\s]*)$/i.test(link.url) || link.url.startsWith('//'))
        throw new AppError('CARD_LINK_INVALID', { url: link.url });
    }
    return { ...input, title: input.title.trim(), description: input.description.trim(), keywords };
  }

  async create(actor: Actor, siteId: number, input: CardInput): Promise<CardView> {
    await this.sites.get(siteId);
    const card = this.check(input);
    const at = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      const newId = await repo.insertCard(trx, {
        site_id: siteId,
        title: card.title,
        description: card.description,
        keywords: JSON.stringify(card.keywords),
        links: JSON.stringify(card.links),
        sort: card.sort ?? 0,
        enabled: card.enabled === false ? 0 : 1,
        created_at: at,
        updated_at: at,
      });
      await this.audit.record(trx, actor, {
        action: 'search.card.create',
        targetType: 'search_card',
        targetId: newId,
        siteId,
        detail: { after: card },
      });
      return newId;
    });
    this.enabled.delete(siteId);
    this.changed();
    return cardView((await repo.findCard(this.db, id))!);
  }

  async update(actor: Actor, siteId: number, id: number, input: CardInput): Promise<CardView> {
    const before = await repo.findCard(this.db, id);
    if (!before || before.site_id !== siteId) throw new AppError('CARD_NOT_FOUND');
    const card = this.check(input);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateCard(trx, id, {
        title: card.title,
        description: card.description,
        keywords: JSON.stringify(card.keywords),
        links: JSON.stringify(card.links),
        sort: card.sort ?? before.sort,
        enabled: card.enabled === undefined ? before.enabled : card.enabled ? 1 : 0,
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, actor, {
        action: 'search.card.update',
        targetType: 'search_card',
        targetId: id,
        siteId,
        detail: { before: cardView(before), after: card },
      });
    });
    this.enabled.delete(siteId);
    this.changed();
    return cardView((await repo.findCard(this.db, id))!);
  }

  async remove(actor: Actor, siteId: number, id: number): Promise<void> {
    const before = await repo.findCard(this.db, id);
    if (!before || before.site_id !== siteId) throw new AppError('CARD_NOT_FOUND');
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteCard(trx, id);
      await this.audit.record(trx, actor, {
        action: 'search.card.delete',
        targetType: 'search_card',
        targetId: id,
        siteId,
        detail: { before: cardView(before) },
      });
    });
    this.enabled.delete(siteId);
    this.changed();
  }

  /** Adds cards a module derives from its records (搜索即服务 for service items); they come before the site's own. */
  addSource(source: (siteId: number) => Promise<CardView[]>): void {
    this.sources.push(source);
  }

  /** Cards whose keywords the query contains, directly, through a synonym or as pinyin (shebao → 社保). */
  async matching(siteId: number, plan: Plan, ctx: SearchPlanContext): Promise<CardView[]> {
    const derived = await Promise.all(this.sources.map((source) => source(siteId).catch(() => [])));
    const cards = [...derived.flat(), ...(await this.enabledCards(siteId))];
    if (cards.length === 0) return [];
    const q = plan.key;
    const heard = new Set([q, ...plan.expanded.map(titleKey)]);
    const latin = isLatinWord(q);
    return cards
      .filter((card) =>
        card.keywords.some((raw) => {
          const kw = titleKey(raw);
          if (!kw) return false;
          const forms = [kw, ...(ctx.syn.others.get(kw) ?? [])];
          if (forms.some((f) => q.includes(f) || [...heard].some((h) => h === f))) return true;
          if (q.length >= 2 && kw.startsWith(q)) return true;
          if (latin) {
            const p = pinyinOf(normalize(raw));
            return p.full === q || (q.length >= 2 && p.initials === q);
          }
          return false;
        }),
      )
      .slice(0, SHOWN_CARDS);
  }
}
