/**
 * Headless Chromium for UI tests: Debian's /usr/bin/chromium driven by playwright-core
 * (installed by scripts/ensure-chromium.sh from `npm test`). Screenshots go to
 * test-artifacts/ (kept as CI artifacts, ignored by git).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Folder for screenshots and other test artifacts. */
export const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'test-artifacts');

/** Launches headless Chromium with the flags this machine needs. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Path of an artifact file. */
export function artifact(name: string): string {
  return join(ARTIFACTS, name);
}
