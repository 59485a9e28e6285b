import { seedTemplate } from './system.js';

/**
 * With DATABASE_URL, seeds the template every system of this vitest process copies (GD_E2E_TEMPLATE, inherited by
 * the suites' processes), and drops it at the end. When both projects run in one process, the first setup seeds
 * it and the other reuses it; without DATABASE_URL each system migrates and seeds its own PGlite.
 */
export default async function setup() {
  if (!process.env.DATABASE_URL || process.env.GD_E2E_TEMPLATE) return;
  const template = await seedTemplate(process.env.DATABASE_URL);
  process.env.GD_E2E_TEMPLATE = template.name;
  return async () => {
    await template.drop();
    delete process.env.GD_E2E_TEMPLATE;
  };
}
