import type { ClockDefinition, ClockQuery, PolicyRule, SlaPolicy } from '../types.js';

function score(rule: PolicyRule, q: ClockQuery): number {
  if (rule.type !== q.type) return -1;
  let s = 0;
  if (rule.priority !== undefined) {
    if (rule.priority !== q.priority) return -1;
    s += 4;
  }
  if (rule.subKind !== undefined) {
    if (rule.subKind !== q.subKind) return -1;
    s += 2;
  }
  if (rule.zoneClass !== undefined) {
    if (rule.zoneClass !== q.zoneClass) return -1;
    s += 1;
  }
  return s;
}

/**
 * The clocks of a work order under a policy. The single most specific matching rule wins, whole (its clocks
 * are not merged with less specific rules): a rule's `priority` counts more than its `subKind`, which counts
 * more than its `zoneClass`; a field left out of a rule matches anything. No matching rule: `[]`.
 *
 * @example
 * clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'rural' });
 * //=> [{ kind: 'arrival', minutes: 60, calendar: 'wall', … }, { kind: 'restoration', minutes: 360, … }]
 * clocksFor(DEFAULT_POLICY, { type: 'service_request', subKind: 'meter_fault', zoneClass: 'urban' });
 * //=> [{ kind: 'resolution', workingDays: 4, calendar: 'business', … }]
 * clocksFor(DEFAULT_POLICY, { type: 'praise', zoneClass: 'urban' }); //=> []
 */
export function clocksFor(policy: SlaPolicy, query: ClockQuery): ClockDefinition[] {
  let best: PolicyRule | undefined;
  let bestScore = -1;
  for (const rule of policy.rules) {
    const s = score(rule, query);
    if (s > bestScore) {
      best = rule;
      bestScore = s;
    }
  }
  return best ? best.clocks.map((c) => ({ ...c })) : [];
}
