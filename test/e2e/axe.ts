// One way to ask axe what a user of assistive technology would stumble on, shared by the browser tests.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Waits until no Ant Design popup is open and nothing is fading in or out. Mid-animation, a toast is still
 * half transparent and a closing select's unnamed helper listbox is still in the page; axe would report them
 * by chance depending on timing, though a user never reads a half-faded toast or meets the listbox without
 * the named combobox that owns it. Endless animations (spinners) are not waited for.
 */
export async function settlePopups(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const popupsClosed = Array.from(document.querySelectorAll('.ant-select-dropdown, .ant-picker-dropdown')).every(
        (popup: Element) => getComputedStyle(popup).display === 'none' || popup.className.includes('-hidden'),
      );
      const stillMoving = document
        .getAnimations()
        .some((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY);
      return popupsClosed && !stillMoving;
    },
    undefined,
    { timeout: 5_000 },
  );
}

/** Serious and critical WCAG 2.0/2.1 A and AA violations, one line per rule with the first offending nodes. */
export async function seriousAxeProblems(page: Page, options: { excludeIframe?: boolean } = {}): Promise<string[]> {
  await settlePopups(page);
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (options.excludeIframe) builder = builder.exclude('iframe');
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ')}`,
    );
}
