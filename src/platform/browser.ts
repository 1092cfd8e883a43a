// Debian's Chromium, driven by playwright-core (never a downloaded browser): inspection screenshots and tests.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
) as string[];

export function chromiumPath(): string | null {
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
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

export async function launchChromium(): Promise<Browser | null> {
  const executablePath = chromiumPath();
  if (!executablePath) return null;
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
