import type { CrewSkill, Role } from '@gd/domain';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../auth/password.js';
import type { Database } from '../db/client.js';
import { crews, customers, staff, zones } from '../db/schema/index.js';
import { address, between, chineseName, mobileNumber, pick, prng } from './people.js';
import { boxPolygon, DEMO_ZONES, type DemoZone } from './territory.js';

export const DEMO_STAFF: {
  username: string;
  displayName: string;
  role: Role;
  district?: string;
  team?: string;
}[] = [
  { username: 'agent1', displayName: '客服 李敏', role: 'agent', team: '一班' },
  { username: 'agent2', displayName: '客服 王芳', role: 'agent', team: '一班' },
  { username: 'agent3', displayName: '客服 赵磊', role: 'agent', team: '二班' },
  { username: 'dispatcher1', displayName: '调度 张强', role: 'dispatcher' },
  { username: 'qa1', displayName: '回访 陈静', role: 'qa' },
  { username: 'supervisor1', displayName: '值长 刘伟', role: 'supervisor', team: '一班' },
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
];

const CREW_PLAN: { zoneClass: DemoZone['zoneClass']; count: number; skills: CrewSkill[][] }[] = [
  {
    zoneClass: 'urban',
    count: 18,
    skills: [
      ['distribution', 'cable'],
      ['distribution', 'metering'],
      ['cable'],
      ['distribution', 'cable', 'metering'],
    ],
  },
  {
    zoneClass: 'rural',
    count: 14,
    skills: [['distribution', 'overhead_line'], ['overhead_line'], ['distribution', 'metering']],
  },
  { zoneClass: 'remote', count: 8, skills: [['overhead_line', 'distribution'], ['overhead_line']] },
];

export interface SeedSummary {
  zones: number;
  crews: number;
  staff: number;
  customers: number;
}

/** Loads the demo territory, crews, staff and customers. Idempotent: rows that exist are left as they are. */
export async function seedDemo(
  db: Database,
  opts: { password: string; customers?: number },
): Promise<SeedSummary> {
  const rand = prng(95598);
  await db
    .insert(zones)
    .values(
      DEMO_ZONES.map((z) => ({
        id: z.id,
        name: z.name,
        district: z.district,
        zoneClass: z.zoneClass,
        area: boxPolygon(z.box),
        minLat: z.box[0],
        minLng: z.box[1],
        maxLat: z.box[2],
        maxLng: z.box[3],
      })),
    )
    .onConflictDoNothing();

  const crewRows: (typeof crews.$inferInsert)[] = [];
  for (const plan of CREW_PLAN) {
    const inClass = DEMO_ZONES.filter((z) => z.zoneClass === plan.zoneClass);
    for (let i = 0; i < plan.count; i++) {
      const zone = inClass[i % inClass.length]!;
      const n = crewRows.length + 1;
      const code = `C${String(n).padStart(2, '0')}`;
      const [lat, lng] = pointIn(rand, zone.box, 0.25);
      crewRows.push({
        code,
        name: `${zone.district}抢修${String(n).padStart(2, '0')}班`,
        skills: plan.skills[i % plan.skills.length]!,
        status: 'available',
        vehicle: `湘A·${String(10000 + n * 37).slice(-5)}`,
        district: zone.district,
        depotName: `${zone.name}供电所`,
        depotLat: lat,
        depotLng: lng,
        lastLat: lat,
        lastLng: lng,
        lastAt: new Date(),
        phone: mobileNumber(rand),
      });
    }
  }
  await db.insert(crews).values(crewRows).onConflictDoNothing();
  const crewIds = new Map(
    (await db.select({ id: crews.id, code: crews.code }).from(crews)).map((c) => [c.code, c.id]),
  );

  // One hash per account: a shared salt would be a bad habit to show even in demo data. Run in parallel on the
  // libuv pool; only accounts that do not exist yet are hashed.
  const existing = new Set((await db.select({ u: staff.username }).from(staff)).map((r) => r.u));
  const wanted = [
    ...DEMO_STAFF.map((s) => ({ ...s, crewId: null as string | null })),
    ...crewRows.map((c, i) => ({
      username: `crew${String(i + 1).padStart(2, '0')}`,
      displayName: `${c.name}班长`,
      role: 'crew' as Role,
      district: c.district ?? undefined,
      crewId: crewIds.get(c.code) ?? null,
    })),
  ].filter((s) => !existing.has(s.username));
  const hashes = await Promise.all(wanted.map(() => hashPassword(opts.password)));
  if (wanted.length) {
    await db
      .insert(staff)
      .values(wanted.map((s, i) => ({ ...s, district: s.district ?? null, passwordHash: hashes[i]! })))
      .onConflictDoNothing();
  }

  const customerCount = opts.customers ?? 2000;
  const weights: Record<DemoZone['zoneClass'], number> = { urban: 0.6, rural: 0.3, remote: 0.1 };
  const rows: (typeof customers.$inferInsert)[] = [];
  for (let i = 0; i < customerCount; i++) {
    const r = rand();
    const zoneClass = r < weights.urban ? 'urban' : r < weights.urban + weights.rural ? 'rural' : 'remote';
    const zone = pick(
      rand,
      DEMO_ZONES.filter((z) => z.zoneClass === zoneClass),
    );
    const [lat, lng] = pointIn(rand, zone.box, 0.96);
    rows.push({
      accountNo: `43${String(10_000_000 + i * 7919).padStart(8, '0')}`,
      name: chineseName(rand),
      phone: mobileNumber(rand),
      address: address(rand, zone.district, zone.zoneClass),
      lat,
      lng,
      zoneId: zone.id,
      zoneClass: zone.zoneClass,
      district: zone.district,
      tags: rand() < 0.03 ? ['sensitive'] : rand() < 0.05 ? ['vip'] : [],
    });
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(customers)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
  }

  const count = async (t: typeof zones | typeof crews | typeof staff | typeof customers) =>
    (await db.$count(t)) as number;
  return {
    zones: await count(zones),
    crews: await count(crews),
    staff: await count(staff),
    customers: await count(customers),
  };
}

/** A point inside the box, kept to the middle `fill` fraction of it so nothing sits on a shared edge. */
function pointIn(
  rand: () => number,
  [minLat, minLng, maxLat, maxLng]: DemoZone['box'],
  fill: number,
): [number, number] {
  const margin = (1 - fill) / 2;
  const lat = between(rand, minLat + (maxLat - minLat) * margin, maxLat - (maxLat - minLat) * margin);
  const lng = between(rand, minLng + (maxLng - minLng) * margin, maxLng - (maxLng - minLng) * margin);
  return [Number(lat.toFixed(6)), Number(lng.toFixed(6))];
}

export async function isEmpty(db: Database): Promise<boolean> {
  const row = await db.select({ id: staff.id }).from(staff).where(eq(staff.username, 'admin')).limit(1);
  return row.length === 0 && (await db.$count(zones)) === 0;
}
