import type { TestProject } from 'vitest/node';
import { startSystem } from './system.js';
import seedTemplate from './template-setup.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    password: string;
    database: string;
  }
}

/**
 * Starts the built system once for the `shared` project's files (PGlite in a temp dir, or a scratch database when
 * DATABASE_URL is set, copied from the seeded template: see template-setup.ts).
 */
export default async function setup(project: TestProject) {
  const dropTemplate = await seedTemplate();
  const system = await startSystem();
  project.provide('baseUrl', system.url);
  project.provide('password', system.password);
  project.provide('database', system.database);
  return async () => {
    await system.stop();
    await dropTemplate?.();
  };
}
