// The sample nginx configuration written with every export (nginx.conf.example).
import { PERMISSIONS_POLICY } from '../portal/portal.routes.ts';
import { stripPort } from '../portal/meta.ts';
import { MANIFEST_FILE, NGINX_FILE, NOT_FOUND_FILE } from './export-paths.ts';

export interface NginxInput {
  siteName: string;
  siteCode: string;
  domains: string[];
  dir: string;
  redirects: Record<string, string>;
  /** The site's Content-Security-Policy (cspFor). */
  csp: string;
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function nginxConfig(input: NginxInput): string {
  const names = [...new Set(input.domains.map(stripPort).filter((d) => d && d !== 'localhost' && !/^[\d.]+$/.test(d)))];
  // add_header in a location replaces the server's: every location that adds one repeats these.
  const security = [
    `add_header Content-Security-Policy ${quote(input.csp)} always;`,
    'add_header X-Content-Type-Options nosniff always;',
    'add_header Referrer-Policy strict-origin-when-cross-origin always;',
    `add_header Permissions-Policy ${quote(PERMISSIONS_POLICY)} always;`,
    'add_header Cross-Origin-Opener-Policy same-origin always;',
  ];
  const indent = (lines: string[], n: number) => lines.map((l) => `${' '.repeat(n)}${l}`);
  const proxy = ['proxy_pass http://govportal_app;'];
  const redirects = Object.entries(input.redirects)
    .filter(([from, to]) => /^\/[^\s;{}"'?]*$/.test(from) && !/[\s;{}"']/.test(to))
    .map(([from, to]) => `    location = ${from} { return 301 ${to}; }`);
  return [
    `# govportal 静态导出 —— ${input.siteName}（${input.siteCode}）`,
    '#',
    '# 本目录可由 nginx 或 CDN 原样提供：每个公开网址对应一个文件（/gzdt/bmdt/ → gzdt/bmdt/index.html）。',
    '# 分页：页面中的 ?page=N 链接已改写为 index_N.html；下面的 rewrite 让外部的旧链接 ?page=N 也能打开。',
    '# 动态功能（站内搜索、长者模式开关、管理后台与接口）转发给 govportal 应用；开启长者模式的访问者',
    '# （Cookie gp_care=1）由应用动态生成页面。只提供静态文件时，删去 upstream 与 proxy_pass 所在的段落即可。',
    `# ${MANIFEST_FILE} 是带签名的发布清单，供 \`govportal verify --dir 目录\` 与防篡改定时任务比对，不对外提供。`,
    '',
    'upstream govportal_app {',
    '    server 127.0.0.1:3000;',
    '}',
    '',
    'server {',
    '    listen 80;',
    '    listen [::]:80;',
    `    server_name ${names.length ? names.join(' ') : '_'};`,
    `    root ${input.dir};`,
    '    index index.html;',
    '    charset utf-8;',
    '    server_tokens off;',
    '',
    ...indent(security, 4),
    '',
    '    # 转发给应用的请求（proxy_set_header 不能写在 if 中，在此统一设置）',
    '    proxy_set_header Host $host;',
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '    proxy_set_header X-Forwarded-Proto $scheme;',
    '',
    `    error_page 404 /${NOT_FOUND_FILE};`,
    `    location = /${NOT_FOUND_FILE} { internal; }`,
    `    location = /${MANIFEST_FILE} { return 404; }`,
    `    location = /${NGINX_FILE} { return 404; }`,
    '',
    '    location / {',
    '        if ($cookie_gp_care = "1") {',
    ...indent(proxy, 12),
    '        }',
    '        if ($arg_page ~ "^([2-9]|[1-9][0-9]+)$") {',
    '            rewrite ^(.*/)$ $1index_$arg_page.html? last;',
    '        }',
    '        try_files $uri $uri/index.html =404;',
    '    }',
    '',
    '    # 文件名带内容哈希，内容变了地址就变：长期缓存。',
    '    location /assets/ {',
    ...indent(security, 8),
    '        add_header Cache-Control "public, max-age=31536000, immutable" always;',
    '        try_files $uri =404;',
    '    }',
    '',
    '    location /files/ {',
    ...indent(security, 8),
    '        add_header Cache-Control "public, max-age=86400" always;',
    '        try_files $uri =404;',
    '    }',
    '',
    '    location ~ /rss\\.xml$ {',
    '        types { } default_type "application/rss+xml; charset=utf-8";',
    '        try_files $uri =404;',
    '    }',
    '',
    `    location ~ ^(/site/[a-z][a-z0-9-]*)?/search$ {`,
    ...indent(proxy, 8),
    '    }',
    // 依申请公开: the applicant's forms and records, behind the public account.
    `    location ~ ^(/site/[a-z][a-z0-9-]*)?/disclosure/ {`,
    ...indent(proxy, 8),
    '    }',
    // Surveys and solicitations take answers and comments: the application.
    `    location ~ ^(/site/[a-z][a-z0-9-]*)?/(survey|solicitation)/ {`,
    ...indent(proxy, 8),
    '    }',
    '    location /accessibility/ {',
    ...indent(proxy, 8),
    '    }',
    // The public account's pages (登录, 注册, 用户空间) are personal: always the application.
    '    location /user/ {',
    ...indent(proxy, 8),
    '    }',
    '    location /api/ {',
    ...indent(proxy, 8),
    '    }',
    '    location /admin/ {',
    ...indent(proxy, 8),
    '    }',
    ...(redirects.length ? ['', '    # 应用以重定向回答的地址', ...redirects] : []),
    '}',
    '',
  ].join('\n');
}
