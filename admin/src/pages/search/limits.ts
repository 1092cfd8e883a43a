// Limits of the search administration API's schemas (src/modules/search/search.schema.ts).

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
