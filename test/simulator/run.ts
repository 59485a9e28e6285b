/**
 * npm run simulate -- --rate quiet|storm|<calls per hour> --url http://127.0.0.1:8080
 *   [--speed <×>] [--crews <n>] [--dispatch] [--duration <seconds>]
 * Ctrl-C stops it and prints the totals.
 */
import { parseArgs } from 'node:util';
import { type Rate, startSimulation } from './index.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: 'quiet' },
    url: { type: 'string', default: process.env.API_URL ?? 'http://127.0.0.1:8080' },
    speed: { type: 'string', default: '1' },
    crews: { type: 'string', default: '40' },
    dispatch: { type: 'boolean', default: false },
    duration: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    'npm run simulate -- --rate quiet|storm|<calls/h> --url http://127.0.0.1:8080 [--speed 5] [--crews 40] ' +
      '[--dispatch] [--duration 600]',
  );
  process.exit(0);
}

const rate: Rate =
  values.rate === 'quiet' || values.rate === 'storm' ? values.rate : Number.parseFloat(values.rate ?? '');
if (typeof rate === 'number' && !(Number.isFinite(rate) && rate >= 0)) {
  console.error(`--rate must be quiet, storm or a number of calls per hour (got ${values.rate})`);
  process.exit(64);
}
const speed = Number.parseFloat(values.speed ?? '1');
const crews = Number.parseInt(values.crews ?? '40', 10);
if (!(speed > 0) || !(crews > 0)) {
  console.error('--speed and --crews must be positive numbers');
  process.exit(64);
}

const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
process.on('SIGTERM', () => controller.abort());
if (values.duration) setTimeout(() => controller.abort(), Number(values.duration) * 1000).unref();

try {
  const sim = await startSimulation({
    url: values.url!,
    rate,
    speed,
    crews,
    dispatch: values.dispatch,
    signal: controller.signal,
  });
  await sim.stopped;
  process.exit(0);
} catch (err) {
  console.error(`simulator: ${(err as Error).message}`);
  process.exit(1);
}
