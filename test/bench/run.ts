/**
 * `npm run bench [-- --quick | --smoke] [-- --only name,name]`: every benchmark the issues name, against the built system on
 * scratch databases, with progress on stderr. Writes test/bench/results/latest.json and (for a run of every case)
 * docs/benchmarks.md. Exit 0 when every benchmark ran (targets are reported, not enforced), 1 when one crashed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../support/system.js';
import { CASES } from './cases/index.js';
import { createContext, probePostgres } from './lib/context.js';
import { log } from './lib/progress.js';
import { consoleTable, keptNotes, markdown } from './lib/report.js';
import { PERCENTILE_METHOD } from './lib/stats.js';
import type { CaseResult, RunResult } from './lib/types.js';

const HERE = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      list: { type: 'boolean', default: false },
      'no-docs': { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.list) {
    for (const c of CASES) console.log(`${c.name.padEnd(16)} ${c.title}`);
    return 0;
  }
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : null;
  const unknown = only?.filter((n) => !CASES.some((c) => c.name === n)) ?? [];
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${CASES.map((c) => c.name).join(', ')}`);
    return 2;
  }
  const selected = only ? CASES.filter((c) => only.includes(c.name)) : CASES;
  const startedAt = new Date();
  const t0 = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const pgInfo = await probePostgres();
  const mode = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
  log(`bench ${mode === 'full' ? '(full)' : `--${mode}`}: ${selected.map((c) => c.name).join(', ')}`);
  if (pgInfo.problem) log(`Postgres: ${pgInfo.problem}; the figures that need it are skipped`);
  else
    log(
      `Postgres ${pgInfo.version} at ${new URL(pgInfo.base!).host} (scratch databases ${'gd_test_bench_*'})`,
    );

  const ctx = createContext({
    quick: values.quick,
    smoke: values.smoke,
    pgBase: pgInfo.base,
    pgVersion: pgInfo.version,
    pgProblem: pgInfo.problem,
  });
  const onSignal = (sig: string) => {
    log(`${sig}: cleaning up scratch databases and the system under test…`);
    void ctx.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));

  const results: CaseResult[] = [];
  try {
    for (const c of selected) {
      log(`\n▶ ${c.name}: ${c.title}`);
      const c0 = performance.now();
      const loadStart = loadavg()[0] ?? 0;
      const loadAverage = () => ({ start: loadStart, end: loadavg()[0] ?? 0 });
      try {
        const figures = await c.run(ctx);
        const statuses = new Set(figures.map((f) => f.status));
        const status = statuses.has('error')
          ? 'error'
          : statuses.has('ok')
            ? 'ok'
            : statuses.has('unavailable')
              ? 'unavailable'
              : 'skipped';
        results.push({
          name: c.name,
          title: c.title,
          target: c.target,
          status,
          durationMs: performance.now() - c0,
          loadAverage: loadAverage(),
          figures,
        });
      } catch (err) {
        const e = err as Error;
        log(`  ✗ ${c.name} crashed: ${e.stack ?? e.message}`);
        results.push({
          name: c.name,
          title: c.title,
          target: c.target,
          status: 'error',
          durationMs: performance.now() - c0,
          loadAverage: loadAverage(),
          figures: [],
          error: e.message.split('\n')[0]?.slice(0, 500),
        });
      }
      log(`  done in ${((performance.now() - c0) / 1000).toFixed(1)} s`);
    }
  } finally {
    await ctx.close();
  }

  const cpu = cpus();
  const run: RunResult = {
    mode,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - t0,
    machine: {
      cpuModel: cpu[0]?.model.trim() ?? 'unknown',
      cores: cpu.length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${platform()} ${release()}`,
      postgres: pgInfo.version,
      loadAverageAtStart: Number(loadAtStart.toFixed(2)),
    },
    percentileMethod: PERCENTILE_METHOD,
    cases: results,
  };
  const resultsDir = join(HERE, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(run, null, 2)}\n`);
  // The committed page holds a measuring run: a smoke run's figures would only mislead.
  const wroteDocs = !only && !values['no-docs'] && mode !== 'smoke';
  if (wroteDocs) {
    const page = join(REPO_ROOT, 'docs/benchmarks.md');
    writeFileSync(page, markdown(run, keptNotes(existsSync(page) ? readFileSync(page, 'utf8') : null)));
  }
  console.log(`\n${consoleTable(run)}\n`);
  log(
    `wrote test/bench/results/latest.json${wroteDocs ? ' and docs/benchmarks.md' : ' (docs/benchmarks.md only on a quick or full run of every benchmark)'} in ${(run.durationMs / 1000).toFixed(0)} s`,
  );
  const crashed = results.filter((r) => r.status === 'error');
  if (crashed.length) log(`crashed: ${crashed.map((r) => r.name).join(', ')}`);
  return crashed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
