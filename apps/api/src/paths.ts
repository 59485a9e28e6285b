import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/api, whether running from src (tests) or dist (start). */
export const API_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(API_ROOT, '../..');
export const MIGRATIONS_DIR = resolve(API_ROOT, 'drizzle');
export const CONSOLE_DIST = resolve(REPO_ROOT, 'apps/console/dist');
export const MAP_DIST = resolve(REPO_ROOT, 'apps/dispatch-map/dist');

/** A relative path given by the user is relative to where they ran npm, not to the workspace npm moved into. */
export function resolveFromUser(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

export function hasBuild(dir: string): boolean {
  return existsSync(resolve(dir, 'index.html'));
}
