import type { Page } from 'playwright-core';
import { CHROMIUM, hasChromium, launchWithProfile } from '../../support/browser.js';
import type { BenchContext } from '../lib/context.js';
import { log } from '../lib/progress.js';
import { summarize } from '../lib/stats.js';
import { type BenchCase, type Figure, ratioOf, skipped } from '../lib/types.js';

const KB = 1024;

/**
 * What issue 20 measured before the apps were split and compressed: every page loaded one bundle of 1.25 MB (console)
 * or 1.1 MB (map) of JavaScript, uncompressed. The figures below are compared with these.
 */
const BEFORE = { console: 1.25 * KB * KB, map: 1.1 * KB * KB } as const;

/** JavaScript a page fetched: bytes on the wire (compressed as served) and decoded. */
function countScripts(page: Page) {
  const seen = { wire: 0, raw: 0, files: 0, pending: [] as Promise<void>[] };
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    seen.pending.push(
      (async () => {
        const [body, sizes] = await Promise.all([res.body(), res.request().sizes()]);
        seen.raw += body.length;
        seen.wire += sizes.responseBodySize;
        seen.files++;
      })().catch(() => undefined),
    );
  });
  return seen;
}

async function signIn(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-form').waitFor({ state: 'detached' });
}

/** First load of an app, cold cache: sign in, then wait for `ready`; the JS it took, raw and as sent. */
async function firstLoad(
  url: string,
  username: string,
  password: string,
  ready: (page: Page) => Promise<unknown>,
): Promise<{ raw: number; wire: number; files: number }> {
  const b = await launchWithProfile();
  try {
    const page = await b.context.newPage();
    const seen = countScripts(page);
    await signIn(page, url, username, password);
    await ready(page);
    await page.waitForLoadState('networkidle');
    await Promise.all(seen.pending);
    return { raw: seen.raw, wire: seen.wire, files: seen.files };
  } finally {
    await b.close();
  }
}

/**
 * Time to a usable call screen: a signed-in agent opens the console with an empty cache; from the navigation's
 * start (performance.timeOrigin) to the moment the caller-number field is focused and enabled.
 */
async function timeToCallScreen(url: string, password: string, runs: number): Promise<number[]> {
  const b = await launchWithProfile();
  try {
    const login = await b.context.newPage();
    await signIn(login, url, 'agent1', password);
    await login.getByTestId('caller-input').waitFor();
    await login.close();
    const cdpPage = await b.context.newPage();
    const cdp = await b.context.newCDPSession(cdpPage);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      await cdpPage.goto('about:blank');
      await cdpPage.goto(url, { waitUntil: 'commit' });
      const ms = await cdpPage.waitForFunction(
        () => {
          const el = document.querySelector<HTMLInputElement>('[data-testid="caller-input"]');
          return el && !el.disabled && document.activeElement === el ? performance.now() : null;
        },
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      samples.push((await ms.jsonValue()) as number);
    }
    return samples;
  } finally {
    await b.close();
  }
}

export const webLoad: BenchCase = {
  name: 'web-load',
  title: 'First-load JavaScript per app, and time to a usable call screen (Chromium)',
  target:
    'issue 20: the call screen loads first (the console split by route), the apps served compressed; before: 1.25 MB of JS for the console, 1.1 MB for the map, uncompressed',
  async run(ctx: BenchContext) {
    if (!hasChromium) return [skipped('web-load', `no chromium at ${CHROMIUM}`)];
    const sys = await ctx.system();
    const figures: Figure[] = [];
    const apps = [
      {
        app: 'console',
        label: 'console, an agent to the call screen',
        url: `${sys.url}/`,
        user: 'agent1',
        ready: (p: Page) => p.getByTestId('caller-input').waitFor(),
      },
      {
        app: 'map',
        label: 'dispatch map, a dispatcher',
        url: `${sys.url}/map/`,
        user: 'dispatcher1',
        ready: (p: Page) =>
          p.waitForSelector('[data-testid="crew-layer"]:not([data-count="0"])', { state: 'attached' }),
      },
      {
        app: 'map',
        label: 'crew phone view',
        url: `${sys.url}/map/crew`,
        user: 'crew01',
        ready: (p: Page) => p.getByTestId('duty-switch').waitFor(),
      },
    ] as const;
    for (const a of apps) {
      log(`  first load: ${a.label}`);
      const js = await firstLoad(a.url, a.user, sys.password, a.ready);
      const before = BEFORE[a.app];
      figures.push({
        name: `first-load JS, ${a.label}, as sent (brotli/gzip)`,
        unit: 'KB',
        status: 'ok',
        value: Math.round(js.wire / KB),
        baseline: {
          name: `issue 20 before: one ${a.app} bundle, uncompressed`,
          value: before / KB,
          unit: 'KB',
        },
        ratio: ratioOf(js.wire, before),
        note: `${js.files} scripts`,
      });
      figures.push({
        name: `first-load JS, ${a.label}, decoded`,
        unit: 'KB',
        status: 'ok',
        value: Math.round(js.raw / KB),
        baseline: { name: `issue 20 before: one ${a.app} bundle`, value: before / KB, unit: 'KB' },
        ratio: ratioOf(js.raw, before),
      });
    }
    const runs = ctx.smoke ? 1 : ctx.quick ? 5 : 15;
    log(`  time to a usable call screen, ${runs} cold loads`);
    const samples = await timeToCallScreen(`${sys.url}/`, sys.password, runs);
    const s = summarize(samples);
    figures.push({
      name: `time to a usable call screen (navigation → caller field focused and enabled), cold cache, median of ${runs}`,
      unit: 'ms',
      status: 'ok',
      value: Math.round(s.median),
      stats: s,
    });
    return figures;
  },
};
