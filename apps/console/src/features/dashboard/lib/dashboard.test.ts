import type { OverviewReport } from '@gd/domain';
import { describe, expect, it } from 'vitest';
import { districtData, histogramData, pct, statusMatrix, trendData } from './charts.js';
import { csvCell, exportFileName, toCsv, toMatrix } from './csv.js';
import { defaultFilters, filterErrors, offsetAt, overviewQuery, startOfLocalDay } from './filters.js';

describe('CSV building', () => {
  it('quotes what needs quoting, neutralises formulas and starts with a BOM', () => {
    expect(csvCell('天心区')).toBe('天心区');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('说"好"')).toBe('"说""好"""');
    expect(csvCell('两行\n文字')).toBe('"两行\n文字"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
    const csv = toCsv(
      [
        { header: '区县', value: (r: { d: string; n: number | null }) => r.d },
        { header: '准时率%', value: (r) => r.n },
      ],
      [
        { d: '天心', n: 92.5 },
        { d: '岳麓, 西', n: null },
      ],
    );
    expect(csv).toBe('\uFEFF区县,准时率%\r\n天心,92.5\r\n"岳麓, 西",\r\n');
  });

  it('names files safely and gives Excel plain cells', () => {
    expect(exportFileName('到场 时长/分布', 'xlsx', new Date('2026-11-22T03:00:00Z'))).toBe(
      '到场_时长_分布_2026-11-22.xlsx',
    );
    expect(
      toMatrix([{ header: 'x', value: (r: { v?: number }) => r.v }], [{ v: 1 }, {}, { v: Infinity }]),
    ).toEqual([[1], [null], [null]]);
  });
});

const histogram = (targetMin: number): OverviewReport['arrivalHistogram'] => ({
  bucketMin: 10,
  targetMin,
  targets: { urban: 30, rural: 60, remote: 90 },
  buckets: [
    { fromMin: 0, toMin: 10, count: 1 },
    { fromMin: 10, toMin: 20, count: 2 },
    { fromMin: 20, toMin: 30, count: 3 },
    { fromMin: 30, toMin: 40, count: 4 },
    { fromMin: 40, toMin: null, count: 10 },
  ],
});

describe('chart data shaping', () => {
  it('turns rates into percentages and keeps gaps as null', () => {
    expect(pct(0.92345)).toBe(92.3);
    expect(pct(null)).toBeNull();
    expect(
      trendData([{ day: '2026-10-01', orders: 3, arrivalOnTimeRate: 0.5, restorationOnTimeRate: null }]),
    ).toEqual([{ day: '2026-10-01', label: '10-01', orders: 3, arrival: 50, restoration: null }]);
  });

  it('puts the target line at the bucket holding the target and counts the share within it', () => {
    const h = histogramData(histogram(30));
    expect(h.targetLabel).toBe('30–40');
    expect(h.targetPosition).toBe('start');
    expect(h.data.map((d) => d.label)).toEqual(['0–10', '10–20', '20–30', '30–40', '≥40']);
    expect(h.data.map((d) => d.withinTarget)).toEqual([true, true, true, false, false]);
    expect(h.withinShare).toBe(6 / 20);
    expect(histogramData(histogram(25))).toMatchObject({ targetLabel: '20–30', targetPosition: 'middle' });
    expect(histogramData(histogram(90)).targetLabel).toBe('≥40');
    expect(histogramData({ ...histogram(30), buckets: [] }).withinShare).toBeNull();
  });

  it('sorts districts busiest first and caps them', () => {
    const bars = ['A', 'B', 'C'].map((d, i) => ({
      district: d,
      orders: i === 1 ? 9 : 3,
      arrivalOnTimeRate: 1,
      restorationOnTimeRate: null,
    }));
    expect(districtData(bars, 2).map((b) => b.district)).toEqual(['B', 'A']);
  });

  it('builds the status × zone-class table in workflow order', () => {
    const m = statusMatrix([
      { status: 'on_site', zoneClass: 'rural', count: 2 },
      { status: 'accepted', zoneClass: 'urban', count: 5 },
      { status: 'accepted', zoneClass: null, count: 1 },
      { status: 'on_site', zoneClass: 'urban', count: 1 },
    ]);
    expect(m).toEqual([
      { status: 'accepted', urban: 5, rural: 0, remote: 0, unknown: 1, total: 6 },
      { status: 'on_site', urban: 1, rural: 2, remote: 0, unknown: 0, total: 3 },
    ]);
  });
});

describe('filters', () => {
  it('turns local days into an offset range ending at the start of the day after', () => {
    expect(offsetAt(new Date('2026-10-01T00:00:00Z'), 'Asia/Shanghai')).toBe('+08:00');
    expect(startOfLocalDay('2026-10-01', 'Asia/Shanghai')).toBe('2026-10-01T00:00:00+08:00');
    const f = {
      ...defaultFilters(new Date('2026-10-31T18:00:00Z'), 'Asia/Shanghai'),
      zoneClass: 'rural' as const,
    };
    expect(f.fromDay).toBe('2026-10-03'); // 30 days, today included
    expect(f.toDay).toBe('2026-11-01');
    expect(overviewQuery(f, 'Asia/Shanghai')).toEqual({
      from: '2026-10-03T00:00:00+08:00',
      to: '2026-11-02T00:00:00+08:00',
      zoneClass: 'rural',
    });
    expect(startOfLocalDay('2026-07-01', 'Europe/Berlin')).toBe('2026-07-01T00:00:00+02:00');
  });

  it('refuses inverted and malformed ranges before asking', () => {
    const f = defaultFilters(new Date('2026-10-31T00:00:00Z'), 'Asia/Shanghai');
    expect(filterErrors(f)).toEqual([]);
    expect(filterErrors({ ...f, fromDay: '2026-12-01' })).toEqual(['inverted']);
    expect(filterErrors({ ...f, toDay: '' })).toEqual(['badDate']);
  });
});
