import { describe, expect, it } from 'vitest';
import { CHINA_SOUTHERN_GRID_POLICY, DEFAULT_POLICY, STATE_GRID_2023_POLICY } from '../_data/policies.js';
import { PolicyError } from '../_lib/errors.js';
import { parsePolicy } from './index.js';

const roundTrip = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));

describe('parsePolicy', () => {
  it.each([DEFAULT_POLICY, STATE_GRID_2023_POLICY, CHINA_SOUTHERN_GRID_POLICY])(
    'accepts preset $id',
    (policy) => {
      expect(parsePolicy(roundTrip(policy))).toEqual(policy);
    },
  );

  it('fills clock defaults', () => {
    const policy = parsePolicy({
      id: 'p',
      rules: [
        {
          type: 'complaint',
          clocks: [
            { kind: 'response', hours: 24 },
            { kind: 'resolution', workingDays: 4 },
          ],
        },
      ],
    });
    expect(policy.rules[0]!.clocks).toEqual([
      { kind: 'response', hours: 24, calendar: 'wall', startsFrom: 'accepted', judgedOn: 'each' },
      { kind: 'resolution', workingDays: 4, calendar: 'business', startsFrom: 'accepted', judgedOn: 'each' },
    ]);
  });

  const rule = (r: object) => ({ id: 'p', rules: [{ type: 'complaint', clocks: [], ...r }] });
  const clock = (c: object) => rule({ clocks: [{ kind: 'resolution', ...c }] });

  it.each([
    [
      { id: 'p', rules: [{ type: 'fualt_repair', clocks: [] }] },
      'rules[0].type: unknown type "fualt_repair"',
    ],
    [rule({ zoneClass: 'suburban' }), 'rules[0].zoneClass: unknown zone class "suburban"'],
    [rule({ priority: 'asap' }), 'rules[0].priority: unknown priority "asap"'],
    [rule({ subKind: 'meter_fault' }), 'rules[0].subKind: only service_request rules have a subKind'],
    [clock({ minutes: 0 }), 'rules[0].clocks[0].minutes: must be > 0'],
    [clock({ workingDays: -1 }), 'rules[0].clocks[0].workingDays: must be > 0'],
    [clock({ minutes: '30' }), 'rules[0].clocks[0].minutes: must be a number'],
    [clock({}), 'rules[0].clocks[0]: a duration is required'],
    [clock({ minutes: 5, hours: 1 }), 'rules[0].clocks[0]: only one duration allowed, got minutes and hours'],
    [clock({ workingDays: 1, calendar: 'wall' }), 'rules[0].clocks[0].calendar: working days / hours need'],
    [clock({ minutes: 5, kind: 'callback' }), 'rules[0].clocks[0].kind: unknown clock kind "callback"'],
    [
      clock({ minutes: 5, startsFrom: 'dispatch' }),
      'rules[0].clocks[0].startsFrom: unknown startsFrom "dispatch"',
    ],
    [clock({ minutes: 5, judgedOn: 'median' }), 'rules[0].clocks[0].judgedOn: unknown judgedOn "median"'],
    [clock({ minutes: 5, extra: 1 }), 'rules[0].clocks[0]: Unrecognized key'],
    [
      rule({
        clocks: [
          { kind: 'response', minutes: 5 },
          { kind: 'response', minutes: 6 },
        ],
      }),
      'rules[0].clocks[1].kind: duplicate clock kind "response" (also clocks[0])',
    ],
    [
      {
        id: 'p',
        rules: [
          { type: 'complaint', clocks: [] },
          { type: 'complaint', clocks: [] },
        ],
      },
      'rules[1]: duplicates rules[0]',
    ],
    [{ id: '', rules: [] }, 'id: must not be empty'],
  ])('rejects %j', (json, message) => {
    expect(() => parsePolicy(json)).toThrow(PolicyError);
    expect(() => parsePolicy(json)).toThrow(message);
  });

  it('names the fourth rule', () => {
    const json = roundTrip(DEFAULT_POLICY) as { rules: { type: string }[] };
    json.rules[3]!.type = 'fualt_repair';
    expect(() => parsePolicy(json)).toThrow('rules[3].type: unknown type "fualt_repair"');
  });

  it('lists every issue', () => {
    try {
      parsePolicy({ id: 'p', rules: [{ type: 'x', clocks: [{ kind: 'arrival', minutes: -1 }] }] });
      expect.unreachable();
    } catch (e) {
      expect((e as PolicyError).issues).toEqual([
        'rules[0].type: unknown type "x"',
        'rules[0].clocks[0].minutes: must be > 0',
      ]);
    }
  });
});
