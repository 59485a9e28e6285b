import { describe, expect, it } from 'vitest';
import { CAUSE_CATALOGUE, causeText, materialsText, OTHER } from './report';

const classLabel = (c: string) => ({ line: '架空线路', cable: '电缆' })[c] ?? c;

describe('the completion report’s lists', () => {
  it('writes the cause as class · cause, or the crew’s own words for 其他', () => {
    expect(causeText('line', '树障碰线', '', classLabel)).toBe('架空线路 · 树障碰线');
    expect(causeText('', OTHER, '  鸟窝短路 ', classLabel)).toBe('鸟窝短路');
    expect(causeText('cable', OTHER, ' ', classLabel)).toBeNull();
    expect(causeText('line', '', '', classLabel)).toBeNull();
    expect(CAUSE_CATALOGUE.line).toContain('树障碰线');
  });
  it('lists the materials used with their quantities, in the list’s order', () => {
    const label = (id: string, n: number) =>
      ({ fuse: `熔断器 ×${n}`, insulated_wire: `绝缘导线 ${n} 米` })[id] ?? id;
    expect(materialsText({ insulated_wire: 15, fuse: 2, clamp: 0 }, label, '，')).toBe(
      '熔断器 ×2，绝缘导线 15 米',
    );
    expect(materialsText({}, label, '，')).toBeUndefined();
  });
});
