// Screenshots of the pages behind page-level findings, taken in Chromium, so a department can see what the
// inspector saw. Without Chromium the report says so and keeps the HTML digests.
import { createHash } from 'node:crypto';
import { launchChromium } from '../../platform/browser.ts';
import type { InspectionReport } from './engine.ts';
import { guardBrowserRequests } from './crawler/address-guard.ts';

export interface Screenshot {
  url: string;
  png: Buffer;
  sha256: string;
}

/** Distinct http(s) URLs of findings, home page first, at most `limit`. */
export function evidenceUrls(report: InspectionReport, limit: number): string[] {
  const urls = new Set<string>();
  for (const indicator of report.indicators) {
    for (const finding of indicator.findings) {
      const url = (finding.evidence as { url?: string } | undefined)?.url;
      if (url && /^https?:\/\//.test(url)) urls.add(url);
    }
  }
  return [...urls].slice(0, limit);
}

/** Screenshots of `urls` in order; stops between pages when `signal` aborts (a cancelled run). */
export async function takeScreenshots(
  urls: string[],
  onEach?: (done: number) => void,
  signal?: AbortSignal,
): Promise<Screenshot[] | null> {
  if (urls.length === 0 || signal?.aborted) return [];
  const browser = await launchChromium();
  if (!browser) return null;
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await guardBrowserRequests(context);
    const page = await context.newPage();
    const shots: Screenshot[] = [];
    for (const [i, url] of urls.entries()) {
      if (signal?.aborted) break;
      try {
        await page.goto(url, { timeout: 15_000, waitUntil: 'domcontentloaded' });
        const png = await page.screenshot({ fullPage: false, timeout: 10_000 });
        shots.push({ url, png, sha256: createHash('sha256').update(png).digest('hex') });
      } catch {
        // An unreachable page keeps its textual evidence; the screenshot is simply missing.
      }
      onEach?.(i + 1);
    }
    return shots;
  } finally {
    await browser.close();
  }
}
