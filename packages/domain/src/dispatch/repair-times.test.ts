import { describe, expect, it } from 'vitest';
import {
  EXPECTED_REPAIR_MINUTES,
  FAULT_KINDS,
  faultTypeOf,
  repairMinutesFromHistory,
} from './repair-times.js';

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

describe('repairMinutesFromHistory', () => {
  it('takes the mean of each fault type with enough completed repairs, the table otherwise', () => {
    const table = repairMinutesFromHistory([
      // Two skill sets of one type (the cable skill makes both cable faults): their weighted mean.
      { requiredSkills: ['cable'], count: 10, meanMinutes: 100 },
      { requiredSkills: ['distribution', 'cable'], count: 30, meanMinutes: 80 },
      // Too few to trust: the table's 45 stays.
      { requiredSkills: ['distribution'], count: 19, meanMinutes: 20 },
      // No known type, or nothing counted: ignored.
      { requiredSkills: ['metering'], count: 500, meanMinutes: 5 },
      { requiredSkills: ['overhead_line'], count: 0, meanMinutes: Number.NaN },
    ]);
    expect(table).toEqual({ cable_fault: 85, low_voltage: 45, line_down: 90 });
    expect(repairMinutesFromHistory([])).toEqual(EXPECTED_REPAIR_MINUTES);
    expect(
      repairMinutesFromHistory([{ requiredSkills: ['distribution'], count: 5, meanMinutes: 30 }], 5),
    ).toEqual({ ...EXPECTED_REPAIR_MINUTES, low_voltage: 30 });
  });

  it('never goes below a quarter of the table: orders closed on arrival do not make busy crews look free', () => {
    const table = repairMinutesFromHistory([{ requiredSkills: ['cable'], count: 200, meanMinutes: 0.5 }]);
    expect(table.cable_fault).toBe(EXPECTED_REPAIR_MINUTES.cable_fault / 4);
  });
});
