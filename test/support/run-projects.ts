import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * This workspace's `npm test`: the `shared` and `own` projects of vitest.config.ts as two vitest processes side by
 * side, each running its files one after another (the `own` files' systems are idle most of the time, waiting on a
 * browser or a clock, so the two fit on two cores). Each line is prefixed with its project; the exit code is
 * non-zero when either fails. Arguments are passed to both (e.g. a file filter).
 */
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

function run(project: string): Promise<number> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [vitest, 'run', '--project', project, ...process.argv.slice(2)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      let rest = '';
      from.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) to.write(`[${project}] ${line}\n`);
      });
      from.on('end', () => rest && to.write(`[${project}] ${rest}\n`));
    }
    child.on('close', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)));
  });
}

const codes = await Promise.all([run('shared'), run('own')]);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
