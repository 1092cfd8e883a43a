import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { SiteView } from '../../sites/sites.schema.ts';

const DOC_START = '<html lang="zh-CN"><head>';
const DOC_END = '</body></html>';

const escapeAttr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The national 找错 script: async, at the very end of the body, so the page never waits for it. */
export function jiucuoScriptTag(site: Pick<SiteView, 'jiucuoEnabled' | 'siteIdCode' | 'jiucuoScriptUrl'>): string {
  if (!site.jiucuoEnabled) return '';
  return `<script id="_jiucuo_" sitecode="${escapeAttr(site.siteIdCode)}" src="${escapeAttr(site.jiucuoScriptUrl)}" async></script>`;
}

/**
 * Renders a <Layout> element to the final document. Two pieces are written here rather than by React:
 * `<meta charset="utf-8">` first in the head (React spells it charSet), and the 找错 script at the end of
 * the body (React 19 would hoist an async script into the head).
 */
export function renderDocument(element: ReactElement, site: SiteView): Buffer {
  const html = renderToStaticMarkup(element);
  if (!html.startsWith(DOC_START) || !html.endsWith(DOC_END)) throw new Error('renderDocument expects a <Layout> element');
  const head = `${DOC_START}<meta charset="utf-8">`;
  const body = html.slice(DOC_START.length, html.length - DOC_END.length);
  return Buffer.from(`<!DOCTYPE html>${head}${body}${jiucuoScriptTag(site)}${DOC_END}`, 'utf8');
}
