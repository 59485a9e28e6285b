import { describe, expect, it } from 'vitest';
import { EXPECTED_REPAIR_MINUTES, FAULT_KINDS, faultTypeOf } from './repair-times.js';

describe('faultTypeOf', () => {
  it('reads the fault type from the skill the order needs', () => {
    for (const k of FAULT_KINDS) expect(faultTypeOf([k.skill])).toBe(k.type);
  });

  it('takes the longest expected repair when the skills point to several kinds', () => {
    expect(faultTypeOf(['distribution', 'cable'])).toBe('cable_fault');
    expect(EXPECTED_REPAIR_MINUTES.cable_fault).toBeGreaterThan(EXPECTED_REPAIR_MINUTES.low_voltage);
  });

  it('is null for skills no fault kind needs (the planner then uses its default)', () => {
    expect(faultTypeOf(['metering'])).toBeNull();
    expect(faultTypeOf([])).toBeNull();
  });
});
