// Locating footers during a crawl: the first page of each template (the home page first) is rendered in Chromium
// to find its visible bottom block, at most `maxRenders` in all; every page of that template is then read with the
// same block. Pages that arrive while their template is being rendered wait (their HTML kept) and are read again
// when the locator is known. Pages of templates beyond the limit try the locators already found, home page first.
import type { FooterLocator, PageFacts, PageSnapshot, RenderingSummary } from './types.ts';
import type { PageRenderer } from './render.ts';

/** Pages kept waiting for one template's render, at most: the rest keep the footer read off their markup. */
const MAX_WAITING_PER_TEMPLATE = 200;

interface Waiting {
  page: PageSnapshot;
  html: string;
  url: string;
}

interface TemplateState {
  status: 'pending' | 'located' | 'failed';
  locator?: FooterLocator;
  reason?: string;
  waiting: Waiting[];
}

export type Extract = (
  html: string,
  url: string,
  locatorFor: (template: string) => FooterLocator | undefined,
) => PageFacts | null;

export class FooterLocating {
  private readonly templates = new Map<string, TemplateState>();
  private readonly renders: Promise<void>[] = [];
  private readonly located: FooterLocator[] = [];
  private rendered = 0;

  constructor(
    private readonly renderer: PageRenderer | null,
    private readonly maxRenders: number,
    private readonly extract: Extract,
    private readonly note: string | null,
  ) {}

  /** The locator to read a page of `template` with: its own when rendered, else one found on another template. */
  readonly locatorFor = (template: string): FooterLocator | undefined => {
    const state = this.templates.get(template);
    if (state?.status === 'located') return state.locator;
    if (state?.status === 'pending') return undefined;
    return this.located[0];
  };

  /** Called with each page read: starts its template's render, or keeps the page until the render is done. */
  observe(page: PageSnapshot, html: string, url: string): void {
    const facts = page.facts;
    if (!facts || !this.renderer) return;
    const state = this.templates.get(facts.template);
    if (state) {
      if (state.status === 'pending' && state.waiting.length < MAX_WAITING_PER_TEMPLATE)
        state.waiting.push({ page, html, url });
      return;
    }
    if (this.rendered >= this.maxRenders) {
      this.templates.set(facts.template, { status: 'failed', reason: '超出渲染页面数', waiting: [] });
      return;
    }
    this.rendered += 1;
    const fresh: TemplateState = { status: 'pending', waiting: [{ page, html, url }] };
    this.templates.set(facts.template, fresh);
    this.renders.push(this.render(fresh, url, html));
  }

  private async render(state: TemplateState, url: string, html: string): Promise<void> {
    const result = await (this.renderer as PageRenderer).locateFooter(url, html).catch((error: unknown) => ({
      reason: error instanceof Error ? error.message : String(error),
    }));
    if ('steps' in result) {
      state.status = 'located';
      state.locator = result;
      this.located.push(result);
    } else {
      state.status = 'failed';
      state.reason = result.reason;
    }
    for (const waiting of state.waiting) {
      waiting.page.facts = this.extract(waiting.html, waiting.url, this.locatorFor) ?? waiting.page.facts;
    }
    state.waiting = [];
  }

  /** Waits for the renders still running; the pages they held are read again by then. */
  async finish(pages: readonly PageSnapshot[]): Promise<RenderingSummary> {
    await Promise.all(this.renders);
    return {
      templates: this.templates.size,
      rendered: this.rendered,
      pagesLocated: pages.filter((p) => p.facts?.footerSource === 'rendered').length,
      note: this.renderer ? null : this.note,
    };
  }
}
