// A large static government site for the benchmark: a home page, 20 column pages and article pages up to `pages`
// in all, every page with the site's tags, header and footer; written to a temporary folder the fixture server
// serves (robots.txt without a Crawl-delay).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const COLUMNS = 20;
const DAY = 86_400_000;

const page = (title: string, metas: string, main: string) => `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title} - 示例市人民政府</title>
<meta name="SiteName" content="示例市人民政府"><meta name="SiteDomain" content="www.shili.gov.cn"><meta name="SiteIDCode" content="3399000001">${metas}
</head><body>
<header class="site-header"><p class="site-name"><a href="/">示例市人民政府</a></p>
<form action="/search/"><input type="text" name="q"><button>搜索</button></form></header>
<main>${main}</main>
<footer class="site-footer"><span id="_ideConac"></span><script id="_jiucuo_" sitecode="3399000001" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>
<p>主办单位：示例市人民政府办公室　联系电话：0571-87000000</p><p>网站标识码：3399000001　浙ICP备12345678号-1　浙公网安备 33010202000001号</p></footer>
</body></html>
`;

export function bigSite(pages: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-site-'));
  const articles = Math.max(0, pages - COLUMNS - 1);
  const perColumn = Math.ceil(articles / COLUMNS);
  const write = (file: string, html: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), html);
  };
  const date = (n: number) => new Date(Date.UTC(2026, 10, 26) - (n % 300) * DAY).toISOString().slice(0, 10);
  const columnLinks: string[] = [];
  let n = 0;
  for (let c = 0; c < COLUMNS; c++) {
    const name = `栏目${c + 1}`;
    columnLinks.push(`<li><a href="/c${c}/">${name}</a></li>`);
    const items: string[] = [];
    for (let i = 0; i < perColumn && n < articles; i++, n++) {
      const title = `示例市第${n + 1}号工作信息：关于推进政务服务事项办理的通知`;
      items.push(`<li><a href="/c${c}/a${n}.html">${title}</a><span>${date(n)}</span></li>`);
      write(
        `c${c}/a${n}.html`,
        page(
          title,
          `<meta name="ColumnName" content="${name}"><meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="${date(n)} 09:00:00"><meta name="ContentSource" content="示例市人民政府办公室">`,
          `<article><h1>${title}</h1><p>发布时间：${date(n)}</p><p>${'政务服务事项办理情况说明。'.repeat(40)}</p></article>`,
        ),
      );
    }
    write(
      `c${c}/index.html`,
      page(
        name,
        `<meta name="ColumnName" content="${name}"><meta name="ColumnDescription" content="${name}"><meta name="ColumnKeywords" content="${name}"><meta name="ColumnType" content="动态要闻">`,
        `<h1>${name}</h1><ul class="list">${items.join('')}</ul>`,
      ),
    );
  }
  write('index.html', page('首页', '', `<nav><ul>${columnLinks.join('')}</ul></nav>`));
  write('search/index.html', page('站内搜索', '', '<p>搜索结果</p>'));
  fs.writeFileSync(path.join(dir, 'robots.txt'), 'User-agent: *\nDisallow: /admin/\n');
  return dir;
}
