// Workbench interactions shared by e2e specs, with the DOM selectors of VS Code 1.100's web
// workbench in one place: the command palette, activity-bar items, and the frame of a webview view.
import { type FrameLocator, type Locator, type Page } from 'playwright-core';

/** Runs a command by its palette label (e.g. "Codex TS: Show Logs"). */
export async function runPaletteCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 20_000 });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 20_000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The activity-bar item of a view container, by its title (the aria-label starts with it). */
export function activityBarItem(page: Page, title: string): Locator {
  return page.locator(`.activitybar .action-item a[aria-label^="${title}"]`).first();
}

/**
 * The document inside the visible webview: VS Code nests the extension's HTML in an `#active-frame`
 * iframe inside the `iframe.webview.ready` host frame.
 */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
}
