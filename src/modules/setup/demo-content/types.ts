// The shape of the demo texts. Columns are named by their path of names in the site's tree ('工作动态/部门动态'),
// so the data does not depend on ids; dates are days before the demo is created.

export interface DemoArticle {
  /** Path of column names, e.g. '工作动态/部门动态'. */
  column: string;
  title: string;
  /** Paragraphs (placeholders as in text.ts); a paragraph starting with '<' is kept as HTML. */
  body: string[];
  /** Days before the demo is created on which it was published (a weekend moves to the Friday before). */
  daysAgo: number;
  /** The writing department's code when not the column's lead (a cooperating department). */
  by?: string;
  source?: string;
  author?: string;
  keywords?: string;
}

export interface DemoPage {
  column: string;
  title: string;
  body: string[];
}
