// The final HTML document of a public page.
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

const DOC_START = '<html lang="zh-CN"><head>';
const DOC_END = '</body></html>';

/**
 * Renders a <Layout> element to the final document, with `<meta charset="utf-8">` written here first in the
 * head (React spells it charSet and would not put it first). The 找错 script is the footer's (Footer.tsx).
 */
export function renderDocument(element: ReactElement): Buffer {
  const html = renderToStaticMarkup(element);
  if (!html.startsWith(DOC_START) || !html.endsWith(DOC_END))
    throw new Error('renderDocument expects a <Layout> element');
  const head = `${DOC_START}<meta charset="utf-8">`;
  const body = html.slice(DOC_START.length, html.length - DOC_END.length);
  return Buffer.from(`<!DOCTYPE html>${head}${body}${DOC_END}`, 'utf8');
}
