// Debian's Chromium, driven by playwright-core (never a downloaded browser): inspection screenshots and tests.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from './config.ts';

const DEBIAN_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The Chromium executable to use: CHROMIUM_PATH (read by config.ts) when set, else the first Debian path that
 * exists; null when there is none (screenshots are then skipped).
 */
export function chromiumPath(configured: string | null = loadConfig().chromiumPath): string | null {
  return [...(configured ? [configured] : []), ...DEBIAN_PATHS].find((p) => fs.existsSync(p)) ?? null;
}

// Flags for a closed network and a root user: no background traffic, no sandbox.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(configured?: string | null): Promise<Browser | null> {
  const executablePath = chromiumPath(configured);
  if (!executablePath) return null;
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
