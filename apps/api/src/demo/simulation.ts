import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../paths.js';

const SIMULATOR = resolve(REPO_ROOT, 'test/simulator/run.ts');

/**
 * The light demo simulation of `npm start`: the simulator in its own process, talking to this node only through
 * the public API and socket like real phones and agents would. Returns null when the simulator is not installed
 * (a production install without the test workspace).
 */
export function startDemoSimulation(baseUrl: string, password: string): ChildProcess | null {
  if (!existsSync(SIMULATOR)) return null;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      SIMULATOR,
      '--url',
      baseUrl,
      '--rate',
      '120',
      '--speed',
      '4',
      '--crews',
      '20',
      '--dispatch',
    ],
    {
      cwd: resolve(REPO_ROOT, 'test'),
      env: { ...process.env, DEMO_PASSWORD: password },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  child.on('error', (err) => console.error(`demo simulation not started: ${err.message}`));
  return child;
}
