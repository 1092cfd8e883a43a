// The report's one <style> element: screen and print, no style attributes anywhere (the report is served under
// a CSP that allows inline styles only through this element or its hash).
import { createHash } from 'node:crypto';

export const REPORT_CSS = `
:root{--ink:#1f2329;--muted:#5b6472;--line:#d8dde5;--paper:#fff;--bg:#eef1f5;--brand:#1d3f72;
--ok:#17663a;--ok-bg:#e6f4ea;--bad:#b3261e;--bad-bg:#fdecea;--warn:#9a4b00;--warn-bg:#fff1e0;
--good:#0b5c8c;--good-bg:#e3f1fb;--caution:#7a5a00;--caution-bg:#fff7d6;--mutedc:#525a66;--muted-bg:#eceff3}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.65 "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
.page{max-width:1040px;margin:24px auto;background:var(--paper);padding:0 0 28px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
.page>nav,.page>main,.page>footer{margin-left:40px;margin-right:40px}
a{color:#0b4f9c}
.url{word-break:break-all;overflow-wrap:anywhere}
h1,h2,h3,h4{line-height:1.35;margin:0}
h2{font-size:21px;margin-top:34px;padding-bottom:6px;border-bottom:2px solid var(--brand);color:var(--brand)}
h3{font-size:17px;margin-top:22px}
h4{font-size:16px}
.masthead{background:var(--brand);color:#fff;padding:22px 40px 20px}
.masthead .kicker{margin:0 0 4px;font-size:13px;opacity:.9}
.masthead h1{font-size:27px;letter-spacing:.02em}
.masthead .site{margin:6px 0 0;font-size:15px;opacity:.95}
.masthead .site a{color:#fff}
nav.toc{margin-top:14px;font-size:14px}
nav.toc ol{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;padding:0;margin:0}
.summary{display:grid;grid-template-columns:1fr 250px;gap:24px;margin-top:22px;align-items:start}
dl.meta{display:grid;grid-template-columns:7em 1fr;margin:0;gap:6px 12px}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;min-width:0}
.verdict{border:3px solid;border-radius:10px;padding:12px 16px;text-align:center}
.verdict .label{display:block;font-size:14px;color:var(--muted)}
.verdict .value{display:block;font-size:46px;font-weight:700;line-height:1.2;letter-spacing:.06em}
.verdict .sub{display:block;font-size:13px}
.verdict.pass{border-color:var(--ok);background:var(--ok-bg);color:var(--ok)}
.verdict.fail{border-color:var(--bad);background:var(--bad-bg);color:var(--bad)}
.scores{display:grid;grid-template-columns:repeat(3,1fr);gap:14px;list-style:none;padding:0;margin-top:20px}
.scores li{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:#fafbfc}
.scores .label{display:block;color:var(--muted);font-size:14px}
.scores .value{font-size:30px;font-weight:700}
.scores .of{color:var(--muted);margin-left:4px}
.scores .note{display:block;font-size:13px;color:var(--muted)}
.vetoes{margin-top:18px;border:2px solid var(--bad);background:var(--bad-bg);border-radius:8px;padding:10px 16px}
.vetoes h3{border:0;margin:0;padding:0;color:var(--bad);font-size:18px}
.vetoes ul{margin:6px 0 0;padding-left:1.3em}
.warning{margin-top:20px;border:1px solid #e0b400;border-left:6px solid #c99700;background:var(--caution-bg);border-radius:6px;padding:12px 16px}
.warning h2{border:0;margin:0;padding:0;color:var(--caution);font-size:18px}
.warning p{margin:6px 0}
.note-box{margin-top:14px;color:var(--muted);font-size:14px}
table{border-collapse:collapse;width:100%;margin-top:10px;font-size:14px}
caption{text-align:left;font-weight:600;padding:4px 0;color:var(--ink)}
th,td{border:1px solid var(--line);padding:5px 8px;vertical-align:top;text-align:left}
thead th{background:#e9eef5}
tbody th{font-weight:600;background:#f6f8fa}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.chart{margin:12px 0 0}
table.groups{width:auto;min-width:62%}
.nowrap{white-space:nowrap}
.chart svg{width:100%;max-width:760px;height:auto;display:block}
.chart svg text{fill:#1f2329}
.badge{display:inline-block;border:1px solid;border-radius:999px;padding:0 9px;font-size:13px;font-weight:600;line-height:1.7;white-space:nowrap}
.tone-ok{color:var(--ok);background:var(--ok-bg);border-color:var(--ok)}
.tone-bad{color:var(--bad);background:var(--bad-bg);border-color:var(--bad)}
.tone-warn{color:var(--warn);background:var(--warn-bg);border-color:var(--warn)}
.tone-good{color:var(--good);background:var(--good-bg);border-color:var(--good)}
.tone-caution{color:var(--caution);background:var(--caution-bg);border-color:#b08800}
.tone-muted{color:var(--mutedc);background:var(--muted-bg);border-color:#9aa3ae}
.group-head{display:flex;justify-content:space-between;align-items:baseline;gap:12px;margin-top:24px;border-bottom:1px solid var(--line);padding-bottom:4px}
.group-head h3{margin:0}
.group-head p{margin:0;color:var(--muted);font-size:14px}
.ind{border:1px solid var(--line);border-left:5px solid #9aa3ae;border-radius:6px;padding:8px 14px;margin-top:10px;break-inside:avoid-page}
.ind.tone-ok{border-left-color:var(--ok)}
.ind.tone-bad{border-left-color:var(--bad)}
.ind.tone-warn{border-left-color:#d97706}
.ind.tone-good{border-left-color:var(--good)}
.ind.tone-caution{border-left-color:#c99700}
.ind{background:#fff;color:var(--ink)}
.ind-head{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px}
.ind-head h3,.ind-head h4{margin:0;font-size:16px}
.ind-head .pts{font-weight:600}
.ind-head .src{color:var(--muted);font-size:13px;margin-left:auto}
.ind .reason{margin:6px 0 0;font-size:14px}
details.rules{margin-top:2px;font-size:14px}
details.rules summary{cursor:pointer;color:#0b4f9c}
details.rules .body{margin:4px 0 0;padding:8px 12px;background:#f6f8fa;border-radius:4px}
details.rules p{margin:2px 0}
details.rules ol{margin:2px 0;padding-left:0;list-style:none}
details.rules .no{display:inline-block;min-width:1.6em;color:var(--muted)}
ol.findings{margin:10px 0 0;padding-left:1.6em}
ol.findings>li{margin-top:10px}
.f-msg{margin:0;font-weight:600;overflow-wrap:anywhere}
.f-meta{color:var(--muted);font-weight:400;font-size:13px;margin-left:6px}
.f-tag{display:inline-block;border:1px solid;border-radius:4px;padding:0 5px;font-size:12px;font-weight:600;margin-left:6px}
table.evidence{font-size:13px;margin-top:6px}
table.evidence th{width:7.5em;white-space:nowrap}
table.evidence td{overflow-wrap:anywhere;word-break:break-word}
.hash{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px;word-break:break-all}
figure.shot{margin:8px 0 0}
figure.shot img{display:block;max-width:320px;width:100%;height:auto;border:1px solid var(--line)}
figure.shot figcaption{font-size:12px;color:var(--muted)}
.compare-list li{margin-top:4px;overflow-wrap:anywhere}
footer.colophon{margin-top:36px;padding-top:10px;border-top:1px solid var(--line);font-size:13px;color:var(--muted)}
footer.colophon p{margin:4px 0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media screen and (max-width:760px){.page>nav,.page>main,.page>footer{margin-left:16px;margin-right:16px}.summary{grid-template-columns:1fr}.scores{grid-template-columns:1fr}}
@page{size:A4;margin:14mm 12mm}
@media print{body{background:#fff;font-size:12.5px}.page{margin:0;box-shadow:none;max-width:none;padding:0}
.page>nav,.page>main,.page>footer{margin-left:0;margin-right:0}.masthead{padding:14px 16px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
nav.toc{display:none}details.rules summary{display:none}details.rules::details-content{content-visibility:visible;display:contents}
.verdict,.badge,.ind,.warning,.vetoes,thead th,.chart{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:inherit;text-decoration:none}h2,h3{break-after:avoid-page}table.evidence,figure.shot,table.groups,.chart,.scores,.summary{break-inside:avoid-page}}
`.trim();

/** For a CSP without 'unsafe-inline': `style-src 'sha256-…'`. */
export const REPORT_STYLE_HASH = `sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}`;
