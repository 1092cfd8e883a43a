// The entries an inspector looks for on a page: the site search (a form, or a box a script submits) and the
// “我为政府网站找错” entry (the national script, or a link or image link to the platform's jiucuo page with the
// site code) — recognised by role, address and site code as well as by their words.
import type { AnyNode, Element } from 'domhandler';
import type { JiucuoFact, SearchBoxFact, SearchFormFact } from './types.ts';
import { compact, type Doc, descendants, isWithin, resolveUrl } from './dom.ts';

const JIUCUO_TEXT = '我为政府网站找错';
/** The national platform's pages and images: zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=…, jiucuo.png. */
const JIUCUO_ADDRESS = /(exposure\/)?jiucuo(\.html?|\.png|\.gif|\.jpg|\.js)|zfwzgl\.www\.gov\.cn|pucha\.kaipuyun\.cn/i;
const SITE_CODE = /^(\d{10}|bm\d{8})$/i;

/** Query field names of common site-search products (TRS, 拓尔思 WAS, 开普云, Solr, in-house). */
const QUERY_NAMES = new Set([
  'q',
  'qt',
  'keyword',
  'keywords',
  'searchword',
  'searchwords',
  'query',
  'wd',
  'kw',
  'key',
  'searchkey',
  'searchtext',
  'sw',
  'search',
  'querystring',
]);
const SEARCH_WORDS = /搜索|检索|搜一搜|查询|关键字|关键词|search/i;
const SEARCH_ACTION = /search|sousuo|query|jsearch|was5|s\.jsp|so\b|\/s\//i;
const TEXT_TYPES = new Set(['text', 'search', '']);

const attr = (el: Element, name: string): string => el.attribs[name] ?? '';
const isTextInput = (el: Element): boolean =>
  el.name === 'input' && TEXT_TYPES.has(attr(el, 'type').toLowerCase()) && attr(el, 'type').toLowerCase() !== 'hidden';

/** Why a field reads as a search field, or null. */
function searchFieldReason(field: Element, container: Element | null): string | null {
  if (attr(field, 'type').toLowerCase() === 'search') return 'type=search';
  if (attr(field, 'role') === 'searchbox') return 'role=searchbox';
  if (QUERY_NAMES.has(attr(field, 'name').toLowerCase())) return `name=${attr(field, 'name')}`;
  const label = [attr(field, 'placeholder'), attr(field, 'aria-label'), attr(field, 'title'), attr(field, 'id')].join(
    ' ',
  );
  if (SEARCH_WORDS.test(label)) return '提示文字';
  if (container && (attr(container, 'role') === 'search' || SEARCH_ACTION.test(attr(container, 'action'))))
    return container.name === 'form' ? '表单' : 'role=search';
  return null;
}

function searchContainer(field: Element): Element | null {
  for (let node = field.parent; node; node = node.parent) {
    if (node.type !== 'tag') continue;
    if (node.name === 'form' || node.attribs.role === 'search') return node;
  }
  return null;
}

/** A form that submits by itself: a real action (or none: the page itself), not a script. */
const submitsByItself = (form: Element): boolean =>
  !/^\s*javascript:/i.test(attr(form, 'action')) && !/return\s+false/i.test(attr(form, 'onsubmit'));

export function findSearchForm(doc: Doc, base: string): SearchFormFact | null {
  for (const form of doc.named('form')) {
    if (!submitsByItself(form)) continue;
    const inputs = descendants(form, (el) => el.name === 'input' && Boolean(el.attribs.name));
    const query = inputs.find((i) => isTextInput(i) && searchFieldReason(i, form) !== null);
    if (!query) continue;
    const hidden = Object.fromEntries(
      inputs.filter((i) => attr(i, 'type').toLowerCase() === 'hidden').map((i) => [i.attribs.name, attr(i, 'value')]),
    );
    return {
      action: resolveUrl(attr(form, 'action'), base) ?? base,
      method: attr(form, 'method').toUpperCase() === 'POST' ? 'POST' : 'GET',
      queryParam: query.attribs.name,
      hidden,
    };
  }
  return null;
}

/** A search field only a script submits: outside any form, or in a form whose action is a script. */
export function findSearchBox(doc: Doc): SearchBoxFact | null {
  const fields = doc.elements.filter((el) => isTextInput(el) || attr(el, 'role') === 'searchbox');
  for (const field of fields) {
    const container = searchContainer(field);
    if (container?.name === 'form' && submitsByItself(container) && field.attribs.name) continue;
    const by = searchFieldReason(field, container);
    if (!by) continue;
    return { selector: selectorOf(doc, field), button: buttonNear(doc, field), by };
  }
  return null;
}

/** A selector for an element: its id, else its name, else its class, else its position among its kind. */
function selectorOf(doc: Doc, el: Element): string {
  if (el.attribs.id && /^[A-Za-z][\w-]*$/.test(el.attribs.id)) return `#${el.attribs.id}`;
  if (el.attribs.name && /^[\w-]+$/.test(el.attribs.name)) return `${el.name}[name="${el.attribs.name}"]`;
  const first = (el.attribs.class ?? '').split(/\s+/).find((c) => /^[A-Za-z][\w-]*$/.test(c));
  const same = first
    ? doc.named(el.name).filter((e) => (e.attribs.class ?? '').split(/\s+/).includes(first))
    : doc.named(el.name);
  return `${el.name}${first ? `.${first}` : ''} >> nth=${same.indexOf(el)}`;
}

/** The button, image or link that goes with the field: the first clickable thing after it in its parent block. */
function buttonNear(doc: Doc, field: Element): string | null {
  for (let scope = field.parent; scope && scope.type === 'tag'; scope = scope.parent) {
    const clickable = descendants(
      scope,
      (el) =>
        el.name === 'button' ||
        (el.name === 'input' && ['button', 'submit', 'image'].includes(attr(el, 'type').toLowerCase())) ||
        (el.name === 'a' && SEARCH_WORDS.test(`${doc.text(el)} ${attr(el, 'title')} ${attr(el, 'class')}`)) ||
        Boolean(el.attribs.onclick),
    ).filter((el) => el !== field);
    if (clickable.length > 0) return selectorOf(doc, clickable[0]);
  }
  return null;
}

// ───────────────────────────── 找错 ─────────────────────────────

/** The site code an entry carries: sitecode attributes, site_code in its address, or Link('…') in onclick. */
function siteCodeOf(el: Element, base: string): string | null {
  const attrCode = el.attribs.sitecode ?? el.attribs['data-sitecode'];
  if (attrCode) return attrCode;
  const addresses = [
    attr(el, 'href'),
    attr(el, 'src'),
    ...descendants(el, (d) => d.name === 'img').map((i) => attr(i, 'src')),
  ];
  for (const address of addresses) {
    const url = resolveUrl(address, base);
    if (!url) continue;
    const params = new URL(url).searchParams;
    for (const name of ['site_code', 'sitecode', 'siteCode', 'code', 'v']) {
      const value = params.get(name);
      if (value && SITE_CODE.test(value)) return value;
    }
  }
  const onclick = [el, ...descendants(el, () => true)].map((e) => attr(e, 'onclick')).join(' ');
  const inScript = /Link\(\s*['"]([^'"]+)['"]\s*\)/.exec(onclick)?.[1];
  return inScript && SITE_CODE.test(inScript) ? inScript : null;
}

const pointsToPlatform = (el: Element): boolean =>
  JIUCUO_ADDRESS.test(attr(el, 'href')) ||
  descendants(el, (d) => d.name === 'img').some((img) => JIUCUO_ADDRESS.test(attr(img, 'src'))) ||
  /Link\(\s*['"](\d{10}|bm\d{8})['"]/i.test(attr(el, 'onclick'));

function readsJiucuo(doc: Doc, el: Element): boolean {
  if (compact(doc.text(el)).includes(JIUCUO_TEXT)) return true;
  const labels = [el, ...descendants(el, (d) => d.name === 'img')].map((e) => `${attr(e, 'alt')}${attr(e, 'title')}`);
  return labels.some((l) => compact(l).includes(JIUCUO_TEXT));
}

/**
 * The 找错 entry: the national script (id _jiucuo_, a jiucuo.js src, or a loader carrying data-sitecode), the span
 * the script renders, or a link — to the platform's jiucuo page, an image of the entry, or reading 我为政府网站找错.
 */
export function findJiucuo(doc: Doc, footer: ReadonlySet<AnyNode>, base: string): JiucuoFact | null {
  const scripts = [
    ...doc.named('script').filter((el) => el.attribs.id === '_jiucuo_' || /jiucuo/i.test(attr(el, 'src'))),
    ...doc.named('span').filter((el) => el.attribs.id === '_span_jiucuo'),
  ];
  const links = [
    ...doc.named('a').filter((el) => readsJiucuo(doc, el) || pointsToPlatform(el)),
    ...doc.named('img').filter((el) => /Link\(/.test(attr(el, 'onclick')) && JIUCUO_ADDRESS.test(attr(el, 'src'))),
  ];
  const entries = [
    ...scripts.map((el) => ({ el, how: 'script' as const })),
    ...links.map((el) => ({ el, how: 'link' as const })),
  ];
  if (entries.length === 0) return null;
  const best = entries.find((e) => isWithin(e.el, footer)) ?? entries[0];
  return { how: best.how, inFooter: isWithin(best.el, footer), sitecode: siteCodeOf(best.el, base) };
}
