import type { TestProject } from 'vitest/node';
import { startSystem } from './system.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    password: string;
    database: string;
  }
}

/** Starts the built system once (PGlite in a temp dir, or a scratch database when DATABASE_URL is set). */
export default async function setup(project: TestProject) {
  const system = await startSystem();
  project.provide('baseUrl', system.url);
  project.provide('password', system.password);
  project.provide('database', system.database);
  return () => system.stop();
}
