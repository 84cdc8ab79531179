// Workbench interactions shared by e2e specs, with the DOM selectors of VS Code 1.100's web
// workbench in one place: the command palette, activity-bar items, and the frame of a webview view.
import { type FrameLocator, type Locator, type Page } from 'playwright-core';

/**
 * Runs a command by its palette label (e.g. "Codex TS: Show Logs"). With `opensInput`, the command
 * asks for input itself (an input box reuses the quick input widget), so the widget stays open.
 */
export async function runPaletteCommand(page: Page, label: string, options: { opensInput?: boolean } = {}): Promise<void> {
  // Keys go to the focused frame: take the focus back from a webview iframe first. A webview that
  // is still loading can take the focus (closing the palette) right after F1 or while the label is
  // typed: then the whole sequence is tried again.
  const input = page.locator('.quick-input-widget input');
  const maxAttempts = 4;
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= maxAttempts;
    try {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await input.waitFor({ timeout: last ? 20_000 : 5_000 });
      await input.fill(`>${label}`, { timeout: last ? 20_000 : 5_000 });
      // The best match is focused once the list has filtered; Enter runs it (clicking a row that the
      // list is still laying out can time out on a "hidden" row).
      const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).first();
      await row.waitFor({ state: 'attached', timeout: last ? 20_000 : 10_000 });
      await input.press('Enter', { timeout: last ? 20_000 : 5_000 });
      break;
    } catch (error) {
      if (last) throw error;
    }
  }
  if (options.opensInput) return;
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
