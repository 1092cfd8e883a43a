// Shapes of the search administration API (src/modules/search/search.schema.ts).

export interface Synonyms {
  groups: string[][];
  /** The system's default list applies: the site has not saved its own yet. */
  isDefault: boolean;
}

export interface CardLink {
  title: string;
  url: string;
}

export interface ServiceCard {
  id: number;
  siteId: number;
  title: string;
  description: string;
  keywords: string[];
  links: CardLink[];
  sort: number;
  enabled: boolean;
}

export interface CardInput {
  title: string;
  description: string;
  keywords: string[];
  links: CardLink[];
  sort?: number;
  enabled?: boolean;
}

export interface SearchReport {
  from: string;
  to: string;
  searches: number;
  zeroResultSearches: number;
  zeroResults: { query: string; count: number; lastAt: string }[];
  top: { query: string; count: number }[];
}

/** Limits of the API's schemas, checked in the console before saving. */
export const LIMITS = {
  synonymGroups: 1000,
  synonymsPerGroup: 20,
  term: 30,
  cardTitle: 50,
  cardDescription: 200,
  keywords: 30,
  keyword: 30,
  links: 8,
  linkTitle: 30,
  linkUrl: 500,
} as const;

/** Words typed into one box, split at Chinese and latin separators. */
export const WORD_SEPARATORS = ['、', '，', ',', '；', ';', '\n'];
