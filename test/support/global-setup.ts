import type { TestProject } from 'vitest/node';
import { seedTemplate, startSystem } from './system.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    password: string;
    database: string;
  }
}

/**
 * Starts the built system once (PGlite in a temp dir, or a scratch database when DATABASE_URL is set). With
 * DATABASE_URL, every system a suite starts copies one seeded template (GD_E2E_TEMPLATE, set before the suites'
 * processes start, so they inherit it).
 */
export default async function setup(project: TestProject) {
  const template = process.env.DATABASE_URL ? await seedTemplate(process.env.DATABASE_URL) : null;
  if (template) process.env.GD_E2E_TEMPLATE = template.name;
  const system = await startSystem();
  project.provide('baseUrl', system.url);
  project.provide('password', system.password);
  project.provide('database', system.database);
  return async () => {
    await system.stop();
    await template?.drop();
  };
}
