/**
 * The completion report's lists: causes by fault class (what a crew finds on a distribution network) and the
 * materials a van carries, with their units. Picked, not typed: a report reads the same from every crew, and the
 * causes can be counted. 其他 (other) takes free text.
 */
export const CAUSE_CATALOGUE = {
  line: ['导线断线', '树障碰线', '外力破坏', '绝缘子击穿', '雷击'],
  cable: ['电缆头故障', '电缆本体击穿', '施工挖断电缆'],
  transformer: ['配变烧损', '高压熔断器熔断', '低压开关跳闸', '配变过载'],
  meter: ['表计故障', '表前开关故障', '计量箱进水'],
  customer: ['用户内部故障', '用户欠费停电'],
} as const;
export type CauseClass = keyof typeof CAUSE_CATALOGUE;
export const CAUSE_CLASSES = Object.keys(CAUSE_CATALOGUE) as CauseClass[];
export const OTHER = 'other';

export const MATERIALS = [
  { id: 'fuse', unit: 'piece' },
  { id: 'insulated_wire', unit: 'metre' },
  { id: 'cable_joint', unit: 'piece' },
  { id: 'insulator', unit: 'piece' },
  { id: 'breaker', unit: 'piece' },
  { id: 'meter', unit: 'piece' },
  { id: 'clamp', unit: 'piece' },
] as const;
export type MaterialId = (typeof MATERIALS)[number]['id'];

/**
 * The report's cause as one line: `class · cause`, or the crew's own words for 其他. Null while incomplete.
 * @example causeText('line', '树障碰线', '', label) //=> '架空线路 · 树障碰线'
 */
export function causeText(
  cls: CauseClass | '',
  cause: string,
  other: string,
  classLabel: (c: CauseClass) => string,
): string | null {
  if (cause === OTHER) return other.trim() ? other.trim() : null;
  if (!cls || !cause) return null;
  return `${classLabel(cls)} · ${cause}`;
}

/**
 * The materials as one line in the crew's language (`熔断器 ×2，绝缘导线 15 米`), the used ones only, in the list's
 * order; undefined when none.
 */
export function materialsText(
  quantities: Partial<Record<MaterialId, number>>,
  label: (id: MaterialId, n: number) => string,
  separator: string,
): string | undefined {
  const used = MATERIALS.filter((m) => (quantities[m.id] ?? 0) > 0).map((m) =>
    label(m.id, quantities[m.id]!),
  );
  return used.length ? used.join(separator) : undefined;
}
