// Synonyms per site (the system's default list until an administrator saves one) and the vocabulary of title
// terms the query planner completes and corrects against; together they are the plan context of a search.
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import type { Clock } from '../../platform/time.ts';
import type { SitesService } from '../sites/sites.service.ts';
import { loadTerms, termsChecksum } from './index.repository.ts';
import { type PlanContext, SynonymIndex } from './query.ts';
import type { SynonymsView } from './search.schema.ts';
import { DEFAULT_SYNONYMS, type SynonymGroups, tidyGroups } from './synonyms.ts';
import { titleKey } from './text.ts';
import { Vocabulary } from './vocabulary.ts';

/** Another process may change the index: its vocabulary is compared by checksum at most once a minute. */
const VOCAB_CHECK_MS = 60_000;

const synonymsKey = (siteId: number) => `search.synonyms.${siteId}`;

export type SearchPlanContext = PlanContext & { syn: SynonymIndex };

export class SynonymsService {
  private vocabState: { vocab: Vocabulary; checksum: string; checkedAt: number } | null = null;
  private vocabDirty = true;
  private readonly siteVocab = new Map<
    number,
    { base: Vocabulary; groups: SynonymGroups; vocab: Vocabulary; syn: SynonymIndex }
  >();
  private readonly synonyms = new Map<number, SynonymsView>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sites: SitesService,
    /** Runs after the site's synonyms changed (the results-page cache drops what they planned). */
    private readonly changed: () => void = () => undefined,
  ) {}

  /** The index changed: the vocabulary is read again on next use. */
  vocabularyChanged(): void {
    this.vocabDirty = true;
  }

  private async vocabulary(): Promise<Vocabulary> {
    const now = Date.now();
    const state = this.vocabState;
    if (state && !this.vocabDirty) {
      if (now - state.checkedAt < VOCAB_CHECK_MS) return state.vocab;
      const checksum = await termsChecksum(this.db);
      if (checksum === state.checksum) {
        state.checkedAt = now;
        return state.vocab;
      }
    }
    this.vocabDirty = false;
    const [rows, checksum] = [await loadTerms(this.db), await termsChecksum(this.db)];
    this.vocabState = { vocab: new Vocabulary(rows), checksum, checkedAt: now };
    return this.vocabState.vocab;
  }

  /** A site's synonym groups (the default list until the site saves its own). */
  async get(siteId: number): Promise<SynonymsView> {
    let s = this.synonyms.get(siteId);
    if (!s) {
      const stored = await readSetting<SynonymGroups>(this.db, synonymsKey(siteId));
      s = stored ? { groups: stored, isDefault: false } : { groups: DEFAULT_SYNONYMS, isDefault: true };
      this.synonyms.set(siteId, s);
    }
    return s;
  }

  /** As get(), for an administrator: the site must exist. */
  async ofSite(siteId: number): Promise<SynonymsView> {
    await this.sites.get(siteId);
    return this.get(siteId);
  }

  async set(actor: Actor, siteId: number, groups: SynonymGroups): Promise<SynonymsView> {
    await this.sites.get(siteId);
    const tidy = tidyGroups(groups);
    for (const g of tidy) for (const t of g) if (!titleKey(t)) throw new AppError('SYNONYM_INVALID', { term: t });
    const before = await this.get(siteId);
    await this.db.transaction().execute(async (trx) => {
      await writeSetting(trx, synonymsKey(siteId), tidy, this.clock.now().toISOString());
      await this.audit.record(trx, actor, {
        action: 'search.synonyms',
        targetType: 'site',
        targetId: siteId,
        siteId,
        detail: { before: before.isDefault ? 'default' : before.groups.length, after: tidy.length },
      });
    });
    this.synonyms.delete(siteId);
    this.siteVocab.delete(siteId);
    this.changed();
    return this.get(siteId);
  }

  /** The vocabulary widened with the site's synonyms, and the synonym index the planner expands with. */
  async planContext(siteId: number): Promise<SearchPlanContext> {
    const base = await this.vocabulary();
    const { groups } = await this.get(siteId);
    let entry = this.siteVocab.get(siteId);
    if (!entry || entry.base !== base || entry.groups !== groups) {
      const syn = new SynonymIndex(groups);
      entry = { base, groups, vocab: base.withExtra(syn.terms), syn };
      this.siteVocab.set(siteId, entry);
    }
    return { vocab: entry.vocab, synonyms: groups, syn: entry.syn };
  }
}
