import type { BrowserContext, Page } from 'playwright-core';

/** Signs in through the login form of either app, as a person would. */
export async function signIn(
  context: BrowserContext,
  url: string,
  username: string,
  password: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  // The context is shared between tests: start from a signed-out browser.
  await page.evaluate(() => localStorage.clear());
  // Back to the url itself: the former user's session may have redirected away from it (a dispatcher's '/' is /queue).
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-form').waitFor({ state: 'detached' });
  return page;
}

/** Runs `check` until it stops throwing (for state that settles through the API and sockets). */
export async function eventually<T>(check: () => Promise<T>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
