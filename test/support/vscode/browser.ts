// Headless Debian chromium driven by playwright-core, the way the workbench needs it: a persistent
// profile pre-seeded to allow third-party storage (webviews live in cross-site iframes whose service
// worker Chromium otherwise refuses, leaving them blank), and no GPU, sync or background traffic.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromiumBin } from './paths';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(profileDir: string, env: NodeJS.ProcessEnv): Promise<BrowserContext> {
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumBin(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [...CHROMIUM_ARGS],
    env: { ...env }, // XDG_* from the session: chromium's crash reports and dconf stay out of $HOME
    timeout: 60_000,
  });
}
