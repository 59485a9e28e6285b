import type { BenchCase } from '../lib/types.js';
import { callPath } from './call-path.js';
import { customerSearch } from './customer-search.js';
import { gps } from './gps.js';
import { outageFanout } from './outage-fanout.js';
import { rankCrews } from './rank-crews.js';
import { reports } from './reports.js';
import { slaEscalation } from './sla-escalation.js';
import { slaEval } from './sla-eval.js';
import { storm } from './storm.js';
import { stormDispatch } from './storm-dispatch.js';
import { webLoad } from './web-load.js';

/**
 * In the order they run: in-process figures first, then the ones that share the system under test. The data the
 * later ones load (customers, historical and open orders) stays for the ones after them, as it would in production.
 */
export const CASES: BenchCase[] = [
  slaEval,
  rankCrews,
  stormDispatch,
  gps,
  callPath,
  customerSearch,
  reports,
  slaEscalation,
  outageFanout,
  storm,
  webLoad,
];
