// 搜索即服务: every item with a published guide and every published 一件事 becomes a search card, matched on its
// name, its keywords and its events, with the online application first (营业执照 → the item that issues it, with
// 在线办理). Cached per site and dropped when the module reports a change of the site.
import type { CardView } from '../search/search.service.ts';
import type { ServicesModule } from './services.module.ts';
import { applyPath, itemPath, themeApplyPath, themePath } from './catalogue.presenter.ts';
import { publicCatalogue } from './services.public.ts';

/** Card ids below zero, apart from the site's own cards: items −id, themes −(1 000 000 + id). */
const THEME_OFFSET = 1_000_000;

export function serviceCardSource(services: ServicesModule): (siteId: number) => Promise<CardView[]> {
  const cache = new Map<number, Promise<CardView[]>>();
  services.changes.on((siteId) => {
    cache.delete(siteId);
  });
  const build = async (siteId: number): Promise<CardView[]> => {
    const catalogue = await publicCatalogue(services, siteId);
    const items: CardView[] = catalogue.items
      .filter((i) => i.guide)
      .map((i, n) => ({
        id: -i.id,
        siteId,
        title: i.name,
        description: `${i.type}｜${i.departmentName}｜${i.guide!.data.online ? '可在线办理' : '窗口办理'}${
          i.guide!.data.promisedDays !== null
            ? `｜承诺时限${i.guide!.data.promisedDays === 0 ? '当场办结' : `${i.guide!.data.promisedDays}个工作日`}`
            : ''
        }`,
        keywords: [i.name, ...i.keywords, ...i.events],
        links: [
          ...(i.guide!.data.online ? [{ title: '在线办理', url: applyPath(i.id) }] : []),
          { title: '办事指南', url: itemPath(i.code) },
        ],
        sort: n,
        enabled: true,
      }));
    const themes: CardView[] = catalogue.themes.map((t, n) => ({
      id: -(THEME_OFFSET + t.id),
      siteId,
      title: t.name,
      description: `一次申请、并联办理：${t.itemIds.length} 个事项`,
      keywords: [t.name, ...t.keywords],
      links: [
        { title: '一次申请', url: themeApplyPath(t.id) },
        { title: '一件事指南', url: themePath(t.slug) },
      ],
      sort: n,
      enabled: true,
    }));
    return [...items, ...themes];
  };
  return (siteId) => {
    let cards = cache.get(siteId);
    if (!cards) {
      cards = build(siteId);
      cards.catch(() => cache.delete(siteId));
      cache.set(siteId, cards);
    }
    return cards;
  };
}
