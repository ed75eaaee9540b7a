import { join } from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';

interface ScrollableLike {
  scrollTop: number;
}

interface ScreenshotGlobals {
  document: { fonts: { ready: Promise<unknown> }; querySelectorAll(selector: string): Iterable<ScrollableLike> };
  scrollTo(x: number, y: number): void;
}

/**
 * Saved for people to look at (<outputDir>/screenshots/<name>.png, attached to the report), not compared
 * pixel by pixel. Waits for conditions, never a guessed time: the page at its top (a full-page picture
 * of a scrolled page draws the fixed header mid-page), no hover effect or tooltip from the last click,
 * the web fonts loaded; CSS animations are frozen by the screenshot itself.
 */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as ScreenshotGlobals;
    g.scrollTo(0, 0);
    for (const el of g.document.querySelectorAll('*')) if (el.scrollTop > 0) el.scrollTop = 0;
  });
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await page.evaluate(() => (globalThis as unknown as ScreenshotGlobals).document.fonts.ready.then(() => true));
  const path = join(testInfo.project.outputDir, 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
