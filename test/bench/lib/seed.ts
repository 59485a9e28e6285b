/**
 * Bulk data for the benchmarks, generated inside Postgres with `INSERT … SELECT generate_series` on the scratch
 * database of the system under test (after its migrations and demo seed). Secondary indexes of a table are dropped
 * for the load and rebuilt from their own definitions afterwards (faster than maintaining a trigram index row by
 * row), then the table is analysed. Each loader is idempotent within a run.
 */
import type pg from 'pg';
import type { BenchContext } from './context.js';
import { log } from './progress.js';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '邓',
  '冯',
  '韩',
  '曹',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀',
  '华',
  '平',
  '刚',
  '桂',
  '英',
  '建',
  '国',
  '湘',
  '岳',
  '志',
  '红',
  '霞',
  '燕',
  '鹏',
  '辉',
  '玲',
  '斌',
  '宇',
  '浩',
  '凯',
  '婷',
  '欣',
];
const ROADS = [
  '五一大道',
  '芙蓉中路',
  '韶山北路',
  '人民东路',
  '湘江中路',
  '劳动西路',
  '解放西路',
  '麓山南路',
  '岳麓大道',
  '东二环',
  '万家丽路',
  '车站北路',
  '黄兴中路',
  '枫林三路',
  '金星中路',
  '桐梓坡路',
];
const COMMUNITIES = [
  '锦绣家园',
  '湘江世纪城',
  '阳光小区',
  '枫林苑',
  '德政园',
  '金色家园',
  '望月湖',
  '东方新城',
  '丽发新城',
  '万科城',
];
const TOWNS = [
  '星沙',
  '黄兴',
  '榔梨',
  '铜官',
  '乔口',
  '靖港',
  '花明楼',
  '道林',
  '大瑶',
  '官渡',
  '沙市',
  '黄材',
];

const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

export async function withoutIndexes(
  sql: pg.Pool,
  table: string,
  adding: number,
  load: () => Promise<void>,
): Promise<void> {
  const existing = await sql.query<{ n: string }>(
    `select count(*) as n from (select 1 from "${table}" limit ${adding}) t`,
  );
  if (Number(existing.rows[0]?.n ?? 0) >= adding) {
    // Appending to a table at least as big: maintaining the indexes is cheaper than rebuilding them.
    await load();
    await settle(sql, table);
    return;
  }
  const { rows } = await sql.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = 'public' and i.tablename = $1
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [table],
  );
  for (const r of rows) await sql.query(`drop index if exists "${r.indexname}"`);
  try {
    await load();
  } finally {
    for (const r of rows) await sql.query(r.indexdef);
    await settle(sql, table);
  }
}

/**
 * A live database is vacuumed by autovacuum and checkpointed on schedule; a bulk load is neither yet. Without the
 * visibility map the planner cannot use index-only scans, and the load's gigabyte of WAL would be flushed by a
 * checkpoint in the middle of the next measurement. Settle it so the figures are those of a database in service.
 */
async function settle(sql: pg.Pool, table: string) {
  await sql.query(`vacuum analyze ${table}`);
  await sql.query('checkpoint');
}

/** The customers the search and call-path benchmarks run over: 1 million (quick mode 100,000; smoke 10,000). */
export const customerPopulation = (ctx: BenchContext) =>
  ctx.smoke ? 10_000 : ctx.quick ? 100_000 : 1_000_000;

/** The finished orders the reports and call-path benchmarks run over: 1 million (quick mode 100,000; smoke 10,000). */
export const orderHistory = (ctx: BenchContext) => (ctx.smoke ? 10_000 : ctx.quick ? 100_000 : 1_000_000);

/** `n` synthetic customers with Chinese names and addresses spread over the demo zones (on top of the demo's). */
export async function ensureCustomers(ctx: BenchContext, sql: pg.Pool, n: number): Promise<void> {
  const key = 'customers';
  if ((ctx.seeded.get(key) ?? 0) >= n) return;
  const from = ctx.seeded.get(key) ?? 0;
  const t0 = Date.now();
  log(`  seeding ${(n - from).toLocaleString('en-US')} customers…`);
  await withoutIndexes(sql, 'customers', n - from, async () => {
    await sql.query(`
      with z as (select array_agg(id order by id) as id, array_agg(district order by id) as d, array_agg(zone_class order by id) as c,
                        array_agg(min_lat order by id) as a, array_agg(max_lat order by id) as b,
                        array_agg(min_lng order by id) as e, array_agg(max_lng order by id) as f, count(*)::int as k from zones),
           g as (select g, 1 + (g * 7 % (select k from z)) as zi from generate_series(${from + 1}, ${n}) g)
      insert into customers (account_no, name, phone, address, lat, lng, zone_id, zone_class, district, tags)
      select '88' || lpad(g::text, 10, '0'),
             (${arr(SURNAMES)})[1 + g % ${SURNAMES.length}] || (${arr(GIVEN)})[1 + (g / 7) % ${GIVEN.length}]
               || case when g % 10 < 7 then (${arr(GIVEN)})[1 + (g / 311) % ${GIVEN.length}] else '' end,
             '+86' || (array['138','139','135','186','187','150','151','177','199','131'])[1 + g % 10] || lpad(((g::bigint * 48271) % 100000000)::text, 8, '0'),
             '湖南省长沙市' || z.d[zi] || case when z.c[zi] = 'urban'
               then (${arr(ROADS)})[1 + g % ${ROADS.length}] || (1 + g % 500) || '号' || (${arr(COMMUNITIES)})[1 + (g / 13) % ${COMMUNITIES.length}]
                    || (1 + g % 30) || '栋' || (1 + g % 6) || '单元' || (1 + g % 32) || '0' || (1 + g % 4) || '室'
               else (${arr(TOWNS)})[1 + g % ${TOWNS.length}] || '镇' || (array['新华','光明','团结','红星','东风','和平','石桥','枫树','杨柳','龙泉'])[1 + (g / 17) % 10]
                    || '村' || (1 + g % 15) || '组' || (1 + g % 80) || '号' end,
             z.a[zi] + (z.b[zi] - z.a[zi]) * (0.02 + 0.96 * ((g::bigint * 9301 + 49297) % 233280) / 233280.0),
             z.e[zi] + (z.f[zi] - z.e[zi]) * (0.02 + 0.96 * ((g::bigint * 4099 + 7919) % 104729) / 104729.0),
             z.id[zi], z.c[zi], z.d[zi],
             case when g % 37 = 0 then array['sensitive'] else '{}'::text[] end
        from g, z`);
  });
  ctx.seeded.set(key, n);
  log(`  customers loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Columns copied from the order into `sla_clocks` for the SLA report (migration 0003/0004), filled when the running
 * schema has them, so the seeded clocks are read like the API's own.
 */
async function orderCopyColumns(sql: pg.Pool): Promise<{ cols: string; vals: string }> {
  const { rows } = await sql.query<{ column_name: string }>(
    `select column_name from information_schema.columns where table_schema = 'public' and table_name = 'sla_clocks'`,
  );
  const have = new Set(rows.map((r) => r.column_name));
  const pairs = (
    [
      ['order_created_at', 't.created_at'],
      ['order_type', 't.type'],
      ['zone_class', 't.zone_class'],
      ['district', 't.district'],
      ['crew_id', 't.crew_id'],
    ] as const
  ).filter(([c]) => have.has(c));
  return { cols: pairs.map(([c]) => `, ${c}`).join(''), vals: pairs.map(([, v]) => `, ${v}`).join('') };
}

async function ids(sql: pg.Pool, query: string): Promise<string[]> {
  return (await sql.query<{ id: string }>(query)).rows.map((r) => r.id);
}

const iso = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The stored @gd/sla Clock (JSON) of a wall clock, as the API writes it. */
function clockJson(kind: string, started: string, budgetMs: string, stopped: string | null) {
  const due = `(${started} + (${budgetMs}) * interval '1 millisecond')`;
  const breached = stopped ? `case when ${stopped} > ${due} then ${iso(due)} end` : 'null';
  return `jsonb_build_object('kind', '${kind}', 'calendar', 'wall', 'judgedOn', 'each', 'startedAt', ${iso(started)},
    'budgetMs', ${budgetMs}, 'rawDueAt', ${iso(due)}, 'dueAt', ${iso(due)}, 'pauses', '[]'::jsonb,
    'stoppedAt', ${stopped ? iso(stopped) : 'null'}, 'exempt', null, 'breachedAt', ${breached})`;
}

/**
 * `n` finished orders over the last 90 days (70 % fault repairs with their arrival and restoration clocks, the
 * rest complaints, service requests and inquiries), spread over the demo zones, agents and crews, with the call
 * that opened each.
 */
export async function ensureHistoricalOrders(ctx: BenchContext, sql: pg.Pool, n: number): Promise<void> {
  const key = 'historical';
  if ((ctx.seeded.get(key) ?? 0) >= n) return;
  const from = ctx.seeded.get(key) ?? 0;
  const t0 = Date.now();
  log(`  seeding ${(n - from).toLocaleString('en-US')} historical orders with their clocks and calls…`);
  const agents = await ids(sql, `select id from staff where role = 'agent' order by username`);
  const crews = await ids(sql, 'select id from crews order by code');
  if (!agents.length || !crews.length) throw new Error('the demo seed has no agents or crews');
  const agentArr = `array[${agents.map((a) => `'${a}'::uuid`).join(',')}]`;
  const crewArr = `array[${crews.map((c) => `'${c}'::uuid`).join(',')}]`;
  await withoutIndexes(sql, 'tickets', n - from, async () => {
    await sql.query(`
      with z as (select array_agg(id order by id) as id, array_agg(district order by id) as d, array_agg(zone_class order by id) as c,
                        array_agg((min_lat + max_lat) / 2 order by id) as la, array_agg((min_lng + max_lng) / 2 order by id) as ln, count(*)::int as k from zones),
           g as (select g, 1 + (g * 7 % (select k from z)) as zi,
                        now() - ((g::bigint * 7919) % (90 * 86400)) * interval '1 second' as created,
                        case when g % 10 < 7 then 'fault_repair' when g % 10 = 7 then 'complaint' when g % 10 = 8 then 'service_request' else 'inquiry' end as type,
                        (5 + (g * 31) % 100) * interval '1 minute' as to_arrival,
                        (30 + (g * 17) % 330) * interval '1 minute' as to_restore
                   from generate_series(${from + 1}, ${n}) g)
      insert into tickets (number, type, status, priority, description, lat, lng, zone_id, zone_class, district,
                           first_responder_id, owner_id, crew_id, urge_count, created_at, dispatched_at, acknowledged_at,
                           en_route_at, arrived_at, restored_at, completed_at, closed_at, updated_at)
      select 'BH' || lpad(g::text, 12, '0'), type, 'closed', 'normal', '历史工单（基准测试数据）', z.la[zi], z.ln[zi], z.id[zi], z.c[zi], z.d[zi],
             (${agentArr})[1 + g % ${agents.length}], (${agentArr})[1 + g % ${agents.length}],
             case when type = 'fault_repair' then (${crewArr})[1 + g % ${crews.length}] end,
             case when g % 9 = 0 then 1 else 0 end,
             created,
             case when type = 'fault_repair' then created + interval '3 minutes' end,
             case when type = 'fault_repair' then created + interval '4 minutes' end,
             case when type = 'fault_repair' then created + interval '5 minutes' end,
             case when type = 'fault_repair' then created + to_arrival end,
             case when type = 'fault_repair' then created + to_arrival + to_restore end,
             created + to_arrival + to_restore + interval '10 minutes',
             created + to_arrival + to_restore + interval '1 day',
             created + to_arrival + to_restore + interval '1 day'
        from g, z`);
  });
  const copy = await orderCopyColumns(sql);
  await withoutIndexes(sql, 'sla_clocks', n - from, async () => {
    const budget = (kind: 'arrival' | 'restoration') =>
      kind === 'arrival'
        ? `(case t.zone_class when 'urban' then 30 when 'rural' then 60 else 90 end) * 60000`
        : `(case t.zone_class when 'urban' then 4 else 6 end) * 3600000`;
    for (const kind of ['arrival', 'restoration'] as const) {
      const stopped = kind === 'arrival' ? 't.arrived_at' : 't.restored_at';
      const due = `(t.created_at + (${budget(kind)}) * interval '1 millisecond')`;
      await sql.query(`
        insert into sla_clocks (ticket_id, kind, clock, state, started_at, due_at, raw_due_at, warning_at, stopped_at, breached_at, paused_ms, next_check_at${copy.cols})
        select t.id, '${kind}', ${clockJson(kind, 't.created_at', budget(kind), stopped)},
               case when ${stopped} > ${due} then 'breached' else 'met' end,
               t.created_at, ${due}, ${due}, ${due} - interval '10 minutes', ${stopped},
               case when ${stopped} > ${due} then ${due} end, 0, null${copy.vals}
          from tickets t
         where t.number like 'BH%' and t.type = 'fault_repair' and t.number > 'BH' || lpad('${from}', 12, '0')`);
    }
  });
  // Each order's call from a number of its own: with one number for every call, the statistics said any number
  // matches every call, and the screen pop's generic plan scanned them all.
  await withoutIndexes(sql, 'calls', n - from, async () => {
    await sql.query(`
      insert into calls (agent_id, phone, channel, outcome, ticket_id, started_at, ended_at)
      select t.first_responder_id, '+86139' || right(t.number, 8), 'phone', 'new_ticket', t.id, t.created_at - interval '3 minutes', t.created_at
        from tickets t where t.number like 'BH%' and t.number > 'BH' || lpad('${from}', 12, '0')`);
  });
  ctx.seeded.set(key, n);
  log(`  historical orders loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * `n` open fault repairs, on site, each with its arrival clock met and its restoration clock running; created in
 * the last two hours, so none of them warns or breaches during a benchmark (the escalation scheduler must find the
 * few that do among them).
 */
export async function ensureOpenOrders(ctx: BenchContext, sql: pg.Pool, n: number): Promise<void> {
  const key = 'open';
  if ((ctx.seeded.get(key) ?? 0) >= n) return;
  const from = ctx.seeded.get(key) ?? 0;
  const t0 = Date.now();
  log(`  seeding ${(n - from).toLocaleString('en-US')} open orders with running clocks…`);
  const agents = await ids(sql, `select id from staff where role = 'agent' order by username`);
  const crews = await ids(sql, 'select id from crews order by code');
  const agentArr = `array[${agents.map((a) => `'${a}'::uuid`).join(',')}]`;
  const crewArr = `array[${crews.map((c) => `'${c}'::uuid`).join(',')}]`;
  await withoutIndexes(sql, 'tickets', n - from, async () => {
    await sql.query(`
      with z as (select array_agg(id order by id) as id, array_agg(district order by id) as d, array_agg(zone_class order by id) as c,
                        array_agg((min_lat + max_lat) / 2 order by id) as la, array_agg((min_lng + max_lng) / 2 order by id) as ln, count(*)::int as k from zones),
           g as (select g, 1 + (g * 7 % (select k from z)) as zi,
                        now() - ((g::bigint * 7919) % 7200) * interval '1 second' as created
                   from generate_series(${from + 1}, ${n}) g)
      insert into tickets (number, type, status, priority, description, lat, lng, zone_id, zone_class, district,
                           first_responder_id, owner_id, crew_id, created_at, dispatched_at, acknowledged_at, en_route_at, arrived_at, updated_at,
                           next_due_at)
      select 'BO' || lpad(g::text, 12, '0'), 'fault_repair', 'on_site', 'normal', '抢修中（基准测试数据）', z.la[zi], z.ln[zi], z.id[zi], z.c[zi], z.d[zi],
             (${agentArr})[1 + g % ${agents.length}], (${agentArr})[1 + g % ${agents.length}], (${crewArr})[1 + g % ${crews.length}],
             created, created + interval '2 minutes', created + interval '3 minutes', created + interval '4 minutes',
             created + interval '20 minutes', created + interval '20 minutes',
             -- the restoration clock's due time below, so its trigger (migration 0013) has nothing to rewrite
             created + (case z.c[zi] when 'urban' then 4 else 6 end) * interval '1 hour'
        from g, z`);
  });
  const copy = await orderCopyColumns(sql);
  await withoutIndexes(sql, 'sla_clocks', n - from, async () => {
    const where = `t.number like 'BO%' and t.number > 'BO' || lpad('${from}', 12, '0')`;
    const arrivalDue = `(t.created_at + (case t.zone_class when 'urban' then 30 when 'rural' then 60 else 90 end) * interval '1 minute')`;
    await sql.query(`
      insert into sla_clocks (ticket_id, kind, clock, state, started_at, due_at, raw_due_at, warning_at, stopped_at, paused_ms, next_check_at${copy.cols})
      select t.id, 'arrival', ${clockJson('arrival', 't.created_at', `(case t.zone_class when 'urban' then 30 when 'rural' then 60 else 90 end) * 60000`, 't.arrived_at')},
             'met', t.created_at, ${arrivalDue}, ${arrivalDue}, ${arrivalDue} - interval '10 minutes', t.arrived_at, 0, null${copy.vals}
        from tickets t where ${where}`);
    const budget = `(case t.zone_class when 'urban' then 4 else 6 end) * 3600000`;
    const due = `(t.created_at + (${budget}) * interval '1 millisecond')`;
    await sql.query(`
      insert into sla_clocks (ticket_id, kind, clock, state, started_at, due_at, raw_due_at, warning_at, stopped_at, paused_ms, next_check_at${copy.cols})
      select t.id, 'restoration', ${clockJson('restoration', 't.created_at', budget, null)},
             'running', t.created_at, ${due}, ${due}, ${due} - interval '10 minutes', null, 0, ${due} - interval '10 minutes'${copy.vals}
        from tickets t where ${where}`);
  });
  ctx.seeded.set(key, n);
  log(`  open orders loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Some customers' phones and account numbers and fragments of names and addresses, as agents would type them. */
export async function searchTerms(sql: pg.Pool, count: number): Promise<string[]> {
  type Row = { phone: string; account_no: string; name: string; address: string };
  // 1 % of the pages is plenty over a million customers, but may be no page at all over the smoke run's 10,000.
  let { rows } = await sql.query<Row>(
    `select phone, account_no, name, address from customers tablesample system (1) limit $1`,
    [count],
  );
  if (rows.length < count)
    ({ rows } = await sql.query<Row>(
      `select phone, account_no, name, address from customers order by random() limit $1`,
      [count],
    ));
  const terms: string[] = [];
  rows.forEach((r, i) => {
    switch (i % 5) {
      case 0:
        terms.push(r.phone);
        break;
      case 1:
        terms.push(r.phone.slice(-8));
        break;
      case 2:
        terms.push(r.account_no);
        break;
      case 3:
        terms.push(r.name);
        break;
      default: {
        // A street or village with its number, e.g. 五一大道123号 or 光明村5组.
        const m = r.address.match(/(?:区|县|市)([^区县市]{2,12}?(?:号|组))/);
        terms.push(m?.[1] ?? r.address.slice(-8));
      }
    }
  });
  return terms;
}
