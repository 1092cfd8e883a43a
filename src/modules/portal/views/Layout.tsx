// The page frame shared by every public page: head with the meta tags, skip link, header, main navigation,
// <main id="main">, footer. Render it with renderDocument (render.tsx).
import type { ReactNode } from 'react';
import type { MetaTag } from '../meta.ts';
import type { HeadLink, ViewContext } from './types.ts';
import { href } from './links.ts';
import { Header, MainNav } from './Header.tsx';
import { Footer } from './Footer.tsx';

export interface LayoutProps {
  view: ViewContext;
  /** The whole <title>, e.g. 部门动态_工作动态_南江市政务服务管理办公室. */
  title: string;
  /** All page metadata tags in order: siteMeta, then columnMeta / articleMeta where they apply. */
  meta: MetaTag[];
  isHome?: boolean;
  /** Highlights the top-level column of the page's section in the main navigation. */
  section?: { topId: number; isTopPage: boolean };
  /** Search results, 404 and similar pages are not for indexing. */
  noindex?: boolean;
  /** rel prev/next, the RSS feed … */
  links?: HeadLink[];
  children: ReactNode;
}

export function Layout({ view, title, meta, isHome = false, section, noindex, links = [], children }: LayoutProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {meta.map((m) => (
          <meta key={m.name} name={m.name} content={m.content} />
        ))}
        {noindex ? <meta name="robots" content="noindex" /> : null}
        {links.map((l) => (
          <link key={`${l.rel} ${l.href}`} rel={l.rel} type={l.type} title={l.title} href={href(view, l.href)} />
        ))}
        <link rel="icon" type="image/svg+xml" href={view.assets.favicon} />
        <link rel="stylesheet" href={view.assets.css} />
        <script src={view.assets.js} defer></script>
      </head>
      <body className={view.care ? 'care' : undefined}>
        <a className="skip-link" href="#main">
          跳到主要内容
        </a>
        <Header view={view} siteNameIsHeading={isHome} />
        <MainNav view={view} isHome={isHome} section={section} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <Footer view={view} />
      </body>
    </html>
  );
}
