import { type CompiledEvaluation, evaluate } from '../_lib/clockCore.js';
import type { CompiledClock } from '../compileClock/index.js';

export type { CompiledEvaluation };

/**
 * Status of a compiled clock at `nowMs` (epoch ms). The fast path: no `Date` is created; pass an `out`
 * object to reuse it and allocate nothing at all. Same semantics as {@link evaluateClock}, with the next
 * change as epoch ms (`nextChangeMs`).
 *
 * @example
 * const compiled = compileClock(clock);
 * const out = {} as CompiledEvaluation;
 * for (const now of instants) evaluateCompiled(compiled, now, out); // > 2 M evaluations / s / core
 */
export function evaluateCompiled(
  compiled: CompiledClock,
  nowMs: number,
  out?: CompiledEvaluation,
): CompiledEvaluation {
  return evaluate(compiled, nowMs, out);
}
