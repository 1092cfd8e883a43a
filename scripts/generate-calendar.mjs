#!/usr/bin/env node
// Regenerates src/platform/calendar/holidays.json, the statutory calendar shipped with the platform, from the
// `chinese-days` package (a mirror of the State Council's annual 《部分节假日安排的通知》). Run after a new notice:
//   node scripts/generate-calendar.mjs 2025 2026 2027
// The platform never reads chinese-days at run time: the shipped years live in the JSON file, reviewed in the
// commit that changes it (compare each year with the notice on www.gov.cn), and later years are entered by the
// site administrator in the console.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json');
const version = require('chinese-days/package.json').version;

const OUT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'src',
  'platform',
  'calendar',
  'holidays.json',
);
const years = process.argv.slice(2).map(Number);
if (years.length === 0 || years.some((y) => !Number.isInteger(y) || y < 2000 || y > 2100)) {
  console.error('usage: node scripts/generate-calendar.mjs 2025 2026 …');
  process.exit(1);
}

// chinese-days names days "English,中文,n"; the Chinese name is what the console and the deadlines show.
const chineseName = (label) => label.split(',')[1] ?? label;

function yearDays(year) {
  const pick = (table, off) =>
    Object.entries(table)
      .filter(([date]) => date.startsWith(`${year}-`))
      .map(([date, label]) => ({ date, off, name: chineseName(label) }));
  const days = [...pick(data.holidays, true), ...pick(data.workdays, false)].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
  if (!days.some((d) => d.off)) throw new Error(`chinese-days ${version} has no holidays for ${year}`);
  return days;
}

const existing = fs.existsSync(OUT) ? JSON.parse(fs.readFileSync(OUT, 'utf8')) : { years: {} };
const out = {
  source: `chinese-days ${version}（国务院办公厅关于部分节假日安排的通知）`,
  years: { ...existing.years },
};
for (const year of years) out.years[String(year)] = yearDays(year);
// One day per line (as Biome formats it), so a change of the notice reads as a one-line diff.
const dayText = (d) => `{ "date": ${JSON.stringify(d.date)}, "off": ${d.off}, "name": ${JSON.stringify(d.name)} }`;
const yearText = (days) => `[\n${days.map((d) => `      ${dayText(d)}`).join(',\n')}\n    ]`;
const body = Object.keys(out.years)
  .sort()
  .map((y) => `    ${JSON.stringify(y)}: ${yearText(out.years[y])}`)
  .join(',\n');
fs.writeFileSync(OUT, `{\n  "source": ${JSON.stringify(out.source)},\n  "years": {\n${body}\n  }\n}\n`);
for (const year of years) {
  const days = out.years[String(year)];
  console.log(`${year}: ${days.filter((d) => d.off).length} 天放假，${days.filter((d) => !d.off).length} 天调休上班`);
}
