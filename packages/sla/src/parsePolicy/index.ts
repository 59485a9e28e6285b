import { z } from 'zod';
import { PolicyError } from '../_lib/errors.js';
import { formatIssue } from '../_lib/formatIssues.js';
import {
  CLOCK_KINDS,
  type ClockDefinition,
  PRIORITIES,
  SERVICE_REQUEST_KINDS,
  type SlaPolicy,
  WORK_ORDER_TYPES,
  ZONE_CLASSES,
} from '../types.js';

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: (iss) => `unknown ${what} ${JSON.stringify(iss.input)}` });

const positive = z.number({ error: 'must be a number' }).positive({ error: 'must be > 0' });
const DURATION_KEYS = ['minutes', 'hours', 'workingDays', 'workingHours'] as const;

const clockSchema = z
  .object({
    kind: oneOf(CLOCK_KINDS, 'clock kind'),
    minutes: positive.optional(),
    hours: positive.optional(),
    workingDays: positive.optional(),
    workingHours: positive.optional(),
    calendar: oneOf(['wall', 'business'], 'calendar').optional(),
    startsFrom: oneOf(['accepted', 'arrival'], 'startsFrom').default('accepted'),
    judgedOn: oneOf(['each', 'average'], 'judgedOn').default('each'),
  })
  .strict()
  .superRefine((clock, ctx) => {
    const set = DURATION_KEYS.filter((k) => clock[k] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          set.length === 0
            ? 'a duration is required (minutes, hours, workingDays or workingHours)'
            : `only one duration allowed, got ${set.join(' and ')}`,
      });
    }
    if (clock.calendar === 'wall' && (clock.workingDays !== undefined || clock.workingHours !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['calendar'],
        message: 'working days / hours need calendar "business"',
      });
    }
  })
  .transform((clock): ClockDefinition => {
    const business = clock.workingDays !== undefined || clock.workingHours !== undefined;
    return { ...clock, calendar: clock.calendar ?? (business ? 'business' : 'wall') };
  });

const ruleSchema = z
  .object({
    type: oneOf(WORK_ORDER_TYPES, 'type'),
    subKind: oneOf(SERVICE_REQUEST_KINDS, 'subKind').optional(),
    zoneClass: oneOf(ZONE_CLASSES, 'zone class').optional(),
    priority: oneOf(PRIORITIES, 'priority').optional(),
    clocks: z.array(clockSchema),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.subKind !== undefined && rule.type !== 'service_request') {
      ctx.addIssue({
        code: 'custom',
        path: ['subKind'],
        message: 'only service_request rules have a subKind',
      });
    }
    const seen = new Map<string, number>();
    rule.clocks.forEach((clock, i) => {
      const earlier = seen.get(clock.kind);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['clocks', i, 'kind'],
          message: `duplicate clock kind "${clock.kind}" (also clocks[${earlier}])`,
        });
      } else seen.set(clock.kind, i);
    });
  });

const policySchema = z
  .object({
    id: z.string().min(1, { error: 'must not be empty' }),
    name: z.string().optional(),
    description: z.string().optional(),
    rules: z.array(ruleSchema),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const seen = new Map<string, number>();
    policy.rules.forEach((rule, i) => {
      const key = [rule.type, rule.subKind ?? '*', rule.zoneClass ?? '*', rule.priority ?? '*'].join('/');
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i],
          message: `duplicates rules[${earlier}] (${key})`,
        });
      } else seen.set(key, i);
    });
  });

/**
 * Validates a policy (e.g. parsed from a JSON file) and fills the defaults of each clock: `startsFrom`
 * `accepted`, `judgedOn` `each`, `calendar` `business` for working days / hours and `wall` otherwise.
 * Throws a {@link PolicyError} whose message names every offending entry.
 *
 * @example
 * parsePolicy({ id: 'p', rules: [{ type: 'fault_repair', zoneClass: 'urban', clocks: [{ kind: 'arrival', minutes: 30 }] }] });
 * //=> { id: 'p', rules: [{ type: 'fault_repair', zoneClass: 'urban', clocks: [
 * //     { kind: 'arrival', minutes: 30, calendar: 'wall', startsFrom: 'accepted', judgedOn: 'each' }] }] }
 * parsePolicy({ id: 'p', rules: [{ type: 'fualt_repair', clocks: [] }] });
 * // throws PolicyError: rules[0].type: unknown type "fualt_repair"
 * parsePolicy({ id: 'p', rules: [{ type: 'complaint', clocks: [{ kind: 'response', minutes: 0 }] }] });
 * // throws PolicyError: rules[0].clocks[0].minutes: must be > 0
 */
export function parsePolicy(json: unknown): SlaPolicy {
  const result = policySchema.safeParse(json);
  if (!result.success) throw new PolicyError(result.error.issues.map(formatIssue));
  return result.data;
}
