import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from './system.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Browser tests need Debian's chromium. CI installs it (.ci/run) and sets CI, so there a missing browser fails
 * the run; on a developer machine without it the browser suites are reported as skipped, with the install hint.
 */
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI)
  throw new Error(`CI needs chromium at ${CHROMIUM} (apt-get install -y chromium)`);
if (!hasChromium)
  console.warn(`browser tests skipped: no chromium at ${CHROMIUM} (apt-get install -y chromium)`);

export const SCREENSHOTS = resolve(REPO_ROOT, 'test/artifacts/screenshots');

type LaunchOptions = { mobile?: boolean; locale?: string };

export async function launch(opts: LaunchOptions = {}): Promise<BrowserContext> {
  return (await launchWithProfile(opts)).context;
}

/** Chromium on a fresh profile; `close` also removes the profile (bench/cases/web-load.ts launches it many times). */
export async function launchWithProfile(
  opts: LaunchOptions = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'gd-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: opts.locale ?? 'zh-CN',
    viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1440, height: 900 },
    ...(opts.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/**
 * The screen as people see it, in both languages at the office sizes (1440×900 and 1280×720; a phone at 390×844):
 * `<name>.<lang>.<w>x<h>.png`. The page must show the language switch; it ends in Chinese at its first size.
 */
export async function screenshotsBothLanguages(page: Page, name: string, opts: { mobile?: boolean } = {}) {
  const sizes = opts.mobile
    ? [{ width: 390, height: 844 }]
    : [
        { width: 1440, height: 900 },
        { width: 1280, height: 720 },
      ];
  for (const lang of ['zh-CN', 'en'] as const) {
    await page.getByTestId('language-switch').first().selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    for (const size of sizes) {
      await page.setViewportSize(size);
      await screenshot(page, `${name}.${lang}.${size.width}x${size.height}`);
    }
  }
  await page.getByTestId('language-switch').first().selectOption('zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.setViewportSize(sizes[0]!);
}
