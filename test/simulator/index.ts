/**
 * A traffic simulator for the demo and for load: it signs in as the demo crews and an agent (optionally a
 * dispatcher) through the PUBLIC API and socket only, drives crews along plausible paths toward their order's
 * site and back to the depot, walks orders through acknowledged → en route → (geofence) on site → restored →
 * completed with a report, and places calls at a chosen rate that become fault orders, follow-ups or answers.
 */
import type {
  BacklogEntry,
  Candidate,
  ClientToServerEvents,
  Crew,
  CrewSkill,
  LatLng,
  LoginResponse,
  Page,
  PositionInput,
  ScreenPop,
  ServerToClientEvents,
  Ticket,
  ZoneClass,
} from '@gd/domain';
import { io, type Socket } from 'socket.io-client';

export type Rate = 'quiet' | 'storm' | number;
/** Calls per hour for the named rates. */
export const RATES = { quiet: 6, storm: 600 } as const;

export interface SimulationOptions {
  url: string;
  /** Calls per hour: `quiet` (6), `storm` (600) or a number; 0 places no calls. */
  rate: Rate;
  signal?: AbortSignal;
  /** Demo password (env DEMO_PASSWORD, default demo95598). */
  password?: string;
  /** How many demo crews to drive (crew01 …). Default 40. */
  crews?: number;
  /** Time multiplier for driving and repair work (5 = five times faster than life). Default 1. */
  speed?: number;
  /** Also act as dispatcher1: send the best crew to fault orders left undispatched for 30 s. Default false. */
  dispatch?: boolean;
  /** Wall-clock tick of the crews. Default 5 s. */
  tickMs?: number;
  /**
   * The waiting check: every this many ms, every fault order waiting longer than `waitGraceMs` is looked at (as
   * dispatcher1). Default 20 s; 0 turns it off.
   */
  checkEveryMs?: number;
  /** How long an order may wait before the check counts it: the planner's period and a run. Default 60 s. */
  waitGraceMs?: number;
  log?: (line: string) => void;
}

export interface SimulationStats {
  calls: number;
  orders: number;
  followUps: number;
  positions: number;
  arrivals: number;
  completed: number;
  dispatched: number;
  errors: number;
  /** The waiting check: see `WaitingCheck`. */
  waiting: WaitingCheck;
}

/**
 * "No order left waiting while a suitable crew is free", checked from outside through GET /api/dispatch/backlog and
 * each waiting order's candidates (the free crews able to go, soonest first). Orders are counted once each, at the
 * last look. An order held for a busy crew (`proposalKind: 'hold'`) is not left waiting only when that crew is
 * expected there sooner than the soonest free crew; otherwise it counts as left waiting.
 */
export interface WaitingCheck {
  /** Looks taken (0: the check is off, or auto-dispatch is off and the simulator does not dispatch). */
  looks: number;
  /** Orders seen waiting past the grace period. */
  waited: number;
  /** …of which a free crew could have gone and none was sent. */
  leftWaiting: number;
  /** …held for a busy crew expected there sooner than every free crew (not left waiting). */
  heldBeatingFree: number;
}

export interface Simulation {
  stats: SimulationStats;
  /** Resolves once the signal fired and every socket and timer is closed. */
  stopped: Promise<void>;
}

const SPEED_KMH: Record<ZoneClass, number> = { urban: 25, rural: 40, remote: 30 };
const CAUSES = [
  ['低压电缆头击穿', '更换电缆头，恢复送电'],
  ['配变熔丝熔断', '更换熔丝，检查负荷后送电'],
  ['树障碰线', '清理树障，修复导线'],
  ['表箱进线烧损', '更换进线及开关'],
  ['用户内部故障', '告知客户自行检修，协助隔离故障'],
] as const;
const DESCRIPTIONS = [
  '整栋楼停电',
  '家里突然停电，邻居也没电',
  '电线杆上有火花',
  '电压忽高忽低',
  '小区一片停电',
];

class Client {
  constructor(
    readonly base: string,
    public token = '',
  ) {}
  async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.base}/api${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  static async login(base: string, username: string, password: string) {
    const c = new Client(base);
    const res = await c.call<LoginResponse>('POST', '/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    c.token = res.body.accessToken;
    return Object.assign(c, { user: res.body.user });
  }
}

const rand = (a: number, b: number) => a + Math.random() * (b - a);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const KM_PER_DEG = 111.195;

function kmBetween(a: LatLng, b: LatLng) {
  const dy = (b.lat - a.lat) * KM_PER_DEG;
  const dx = (b.lng - a.lng) * KM_PER_DEG * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

/** A step of `km` from a toward b along a gently curving road (a little sideways drift), never overshooting. */
function stepToward(a: LatLng, b: LatLng, km: number): LatLng {
  const d = kmBetween(a, b);
  if (d <= km) return { ...b };
  const f = km / d;
  const drift = (Math.random() - 0.5) * 0.2 * f;
  return {
    lat: a.lat + (b.lat - a.lat) * f + (b.lng - a.lng) * drift,
    lng: a.lng + (b.lng - a.lng) * f - (b.lat - a.lat) * drift,
  };
}

function heading(a: LatLng, b: LatLng) {
  const dy = b.lat - a.lat;
  const dx = (b.lng - a.lng) * Math.cos((a.lat * Math.PI) / 180);
  return (((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360) | 0;
}

/** A few metres of GPS noise. */
const jitter = (p: LatLng, m: number): LatLng => ({
  lat: p.lat + (Math.random() - 0.5) * (m / 1000 / KM_PER_DEG) * 2,
  lng: p.lng + (Math.random() - 0.5) * (m / 1000 / KM_PER_DEG) * 2,
});

type CrewSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

class CrewAgent {
  pos: LatLng;
  home: LatLng;
  ticket: Ticket | null = null;
  reachedAt: number | null = null;
  workUntil: number | null = null;
  lastSentAt = 0;
  busy = false;

  constructor(
    readonly api: Client,
    readonly crew: Crew,
    readonly socket: CrewSocket | null,
    readonly sim: Runner,
  ) {
    this.home = { lat: crew.depot.lat, lng: crew.depot.lng };
    this.pos = crew.position ? { lat: crew.position.lat, lng: crew.position.lng } : { ...this.home };
  }

  async refresh() {
    const me = await this.api.call<Crew>('GET', '/crews/me');
    if (me.status !== 200) return;
    if (!me.body.ticketId) {
      this.ticket = null;
      return;
    }
    const t = await this.api.call<Ticket>('GET', `/tickets/${me.body.ticketId}`);
    if (t.status === 200) {
      if (this.ticket?.id !== t.body.id) {
        this.reachedAt = null;
        this.workUntil = null;
      }
      this.ticket = t.body;
    }
  }

  async transition(to: string, extra: Record<string, unknown> = {}) {
    const t = this.ticket!;
    const res = await this.api.call<Ticket>('POST', `/tickets/${t.id}/transition`, { to, ...extra });
    if (res.status === 200) {
      this.ticket = res.body;
      this.sim.log(`${this.crew.code} ${t.number} → ${to}`);
    } else {
      this.sim.stats.errors++;
      await this.refresh();
    }
    return res.status === 200;
  }

  async tick(now: number, dtMs: number) {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.step(now, dtMs);
    } catch (err) {
      this.sim.stats.errors++;
      this.sim.log(`${this.crew.code}: ${(err as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  private async step(now: number, dtMs: number) {
    const speed = this.sim.speed;
    const t = this.ticket;
    if (t && ['completed', 'closed', 'cancelled', 'merged', 'accepted'].includes(t.status))
      this.ticket = null;
    const order = this.ticket;
    if (!order) {
      // Back to the depot, then idle there with a fix now and then.
      if (kmBetween(this.pos, this.home) > 0.05) {
        await this.drive(this.home, 'urban', dtMs);
      } else if (now - this.lastSentAt > 30_000) {
        await this.send(jitter(this.home, 8), 0, 0);
      }
      return;
    }
    switch (order.status) {
      case 'dispatched':
        await this.transition('acknowledged');
        return;
      case 'acknowledged':
        await this.transition('en_route');
        return;
      case 'en_route': {
        const site = order.location!;
        if (kmBetween(this.pos, site) > 0.03) {
          await this.drive(site, order.zoneClass ?? 'urban', dtMs);
          return;
        }
        // On site: keep reporting (the geofence needs a few fixes); mark arrival by hand if GPS did not.
        this.reachedAt ??= now;
        await this.send(jitter(site, 10), 0, 0);
        if (now - this.reachedAt > 60_000) {
          await this.transition('on_site', { note: 'GPS 信号弱，手动确认到达' });
        } else {
          await this.refresh();
          if (this.ticket?.status === 'on_site') {
            this.sim.stats.arrivals++;
            this.sim.log(`${this.crew.code} ${order.number} arrived (geofence)`);
          }
        }
        return;
      }
      case 'on_site':
        this.workUntil ??= now + (rand(5, 20) * 60_000) / speed;
        if (now - this.lastSentAt > 30_000) await this.send(jitter(order.location!, 10), 0, 0);
        if (now >= this.workUntil) await this.transition('restored');
        return;
      case 'restored': {
        const [cause, workDone] = pick(CAUSES);
        if (await this.transition('completed', { report: { cause, workDone } })) this.sim.stats.completed++;
        this.ticket = null;
        return;
      }
      default:
        await this.refresh();
    }
  }

  private async drive(to: LatLng, zone: ZoneClass, dtMs: number) {
    const kmh = SPEED_KMH[zone] * rand(0.7, 1.2);
    const next = stepToward(this.pos, to, (kmh * this.sim.speed * dtMs) / 3_600_000);
    await this.send(next, kmh, heading(this.pos, next));
  }

  private async send(p: LatLng, speedKmh: number, heading: number) {
    const fix: PositionInput = {
      lat: Number(p.lat.toFixed(6)),
      lng: Number(p.lng.toFixed(6)),
      recordedAt: new Date().toISOString(),
      speedKmh: Math.round(speedKmh),
      heading,
      accuracyM: Math.round(rand(4, 15)),
    };
    this.pos = p;
    this.lastSentAt = Date.now();
    if (this.socket?.connected) {
      const ack = await this.socket.timeout(5000).emitWithAck('crew.position', fix);
      if (!ack.ok) this.sim.stats.errors++;
    } else {
      await this.api.call('POST', `/crews/${this.crew.id}/positions`, [fix]);
    }
    this.sim.stats.positions++;
  }
}

class Runner {
  stats: SimulationStats = {
    calls: 0,
    orders: 0,
    followUps: 0,
    positions: 0,
    arrivals: 0,
    completed: 0,
    dispatched: 0,
    errors: 0,
    waiting: { looks: 0, waited: 0, leftWaiting: 0, heldBeatingFree: 0 },
  };
  /** The waiting check's verdict per order: left waiting (sticks), held beating the free crews, or fine. */
  private readonly verdicts = new Map<string, 'left' | 'held' | 'ok'>();
  /** Orders a free crew could have taken at the last look: left waiting if so again at the next one. */
  private suspects = new Set<string>();
  readonly speed: number;
  readonly log: (line: string) => void;
  private timers: NodeJS.Timeout[] = [];
  private sockets: CrewSocket[] = [];
  private crews: CrewAgent[] = [];
  private customers: { id: string; phone: string; zoneClass: ZoneClass }[] = [];

  constructor(private readonly opts: SimulationOptions) {
    this.speed = opts.speed ?? 1;
    this.log = opts.log ?? ((line) => console.log(`[sim ${new Date().toISOString().slice(11, 19)}] ${line}`));
  }

  async start(): Promise<Simulation> {
    const { url } = this.opts;
    const password = this.opts.password ?? process.env.DEMO_PASSWORD ?? 'demo95598';
    const agent = await Client.login(url, 'agent1', password);
    const dispatcher = this.opts.dispatch ? await Client.login(url, 'dispatcher1', password) : null;
    // A pool of callers: customers found by the commonest surnames (the search matches names).
    const seen = new Set<string>();
    for (const surname of ['王', '李', '张', '刘', '陈', '杨', '赵', '黄']) {
      const res = await agent.call<Page<{ id: string; phone: string; zoneClass: ZoneClass }>>(
        'GET',
        `/customers?q=${encodeURIComponent(surname)}&limit=100`,
      );
      if (res.status !== 200) continue;
      for (const c of res.body.items) if (!seen.has(c.id) && seen.add(c.id)) this.customers.push(c);
    }
    if (this.customers.length === 0) this.log('no customers found: calls are off (is the demo seed loaded?)');

    const n = Math.min(this.opts.crews ?? 40, 40);
    for (let i = 1; i <= n; i++) {
      try {
        const api = await Client.login(url, `crew${String(i).padStart(2, '0')}`, password);
        const crew = (await api.call<Crew>('GET', '/crews/me')).body;
        if (crew.status === 'off_duty')
          await api.call('POST', `/crews/${crew.id}/status`, { status: 'available' });
        const socket = await this.connect(api.token);
        const agentCrew = new CrewAgent(api, crew, socket, this);
        socket?.on('crew.status', (e) => {
          if (e.crewId === crew.id) void agentCrew.refresh();
        });
        await agentCrew.refresh();
        this.crews.push(agentCrew);
      } catch (err) {
        this.log(`crew${i}: ${(err as Error).message}`);
      }
    }
    this.log(`driving ${this.crews.length} crews, ${this.callsPerHour()} calls/h, speed ×${this.speed}`);

    const tickMs = this.opts.tickMs ?? 5000;
    let last = Date.now();
    this.timers.push(
      setInterval(() => {
        const now = Date.now();
        const dt = now - last;
        last = now;
        for (const c of this.crews) void c.tick(now, dt);
      }, tickMs),
    );
    if (dispatcher) this.timers.push(setInterval(() => void this.dispatchStale(dispatcher), 10_000));
    const checkEvery = this.opts.checkEveryMs ?? 20_000;
    if (checkEvery > 0) {
      const checker = dispatcher ?? (await Client.login(url, 'dispatcher1', password));
      this.timers.push(
        setInterval(() => void this.checkWaiting(checker).catch(() => this.stats.errors++), checkEvery),
      );
    }
    this.scheduleCall(agent);

    const stopped = new Promise<void>((resolve) => {
      const stop = () => {
        for (const t of this.timers) clearTimeout(t);
        for (const s of this.sockets) s.close();
        this.log(`stopped: ${JSON.stringify(this.stats)}`);
        this.log(this.waitingSummary());
        resolve();
      };
      if (this.opts.signal?.aborted) stop();
      else this.opts.signal?.addEventListener('abort', stop, { once: true });
    });
    return { stats: this.stats, stopped };
  }

  private callsPerHour() {
    const r = this.opts.rate;
    return typeof r === 'number' ? r : RATES[r];
  }

  private connect(token: string): Promise<CrewSocket | null> {
    return new Promise((resolve) => {
      const s: CrewSocket = io(this.opts.url, {
        path: '/socket.io',
        auth: { token },
        transports: ['websocket'],
      });
      this.sockets.push(s);
      const timer = setTimeout(() => resolve(null), 5000);
      s.once('connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
    });
  }

  /** Poisson arrivals at the chosen rate. */
  private scheduleCall(agent: Client) {
    const perHour = this.callsPerHour();
    if (!perHour || this.customers.length === 0 || this.opts.signal?.aborted) return;
    const delay = (-Math.log(1 - Math.random()) / perHour) * 3_600_000;
    this.timers.push(
      setTimeout(() => {
        void this.placeCall(agent).finally(() => this.scheduleCall(agent));
      }, delay),
    );
  }

  private async placeCall(agent: Client) {
    const customer = pick(this.customers);
    try {
      const call = await agent.call<ScreenPop>('POST', '/calls', {
        phone: customer.phone,
        channel: pick(['phone', 'phone', 'phone', 'wechat', 'app'] as const),
        customerId: customer.id,
      });
      if (call.status !== 201) throw new Error(`call ${call.status}`);
      this.stats.calls++;
      const pop = call.body;
      if (pop.knownOutages.length > 0 && Math.random() < 0.7) {
        await agent.call('PATCH', `/calls/${pop.id}`, { outcome: 'known_outage', ended: true });
        return;
      }
      const open = pop.openTickets[0];
      if (open) {
        await agent.call('POST', `/tickets/${open.id}/urge`, { callId: pop.id, note: '客户再次来电催促' });
        await agent.call('PATCH', `/calls/${pop.id}`, {
          outcome: 'follow_up',
          ticketId: open.id,
          ended: true,
        });
        this.stats.followUps++;
        return;
      }
      if (Math.random() < 0.15) {
        await agent.call('PATCH', `/calls/${pop.id}`, {
          outcome: 'answered',
          notes: '咨询电价',
          ended: true,
        });
        return;
      }
      const skills: CrewSkill[] =
        customer.zoneClass === 'urban'
          ? pick([['distribution'], ['distribution'], ['cable'], ['distribution', 'cable']] as CrewSkill[][])
          : pick([['overhead_line'], ['overhead_line'], ['distribution']] as CrewSkill[][]);
      const r = Math.random();
      const created = await agent.call<Ticket>(
        'POST',
        '/tickets',
        {
          callId: pop.id,
          type: 'fault_repair',
          customerId: customer.id,
          description: pick(DESCRIPTIONS),
          requiredSkills: skills,
          priority: r < 0.1 ? 'urgent' : r < 0.3 ? 'high' : 'normal',
        },
        { 'Idempotency-Key': `sim-${pop.id}` },
      );
      if (created.status !== 201 && created.status !== 200) throw new Error(`order ${created.status}`);
      await agent.call('PATCH', `/calls/${pop.id}`, {
        outcome: 'new_ticket',
        ticketId: created.body.id,
        ended: true,
      });
      this.stats.orders++;
      this.log(
        `call → order ${created.body.number} (${created.body.zoneClass}, ${skills.join('+')}) ${created.body.status}`,
      );
    } catch (err) {
      this.stats.errors++;
      this.log(`call failed: ${(err as Error).message}`);
    }
  }

  /**
   * One look of the waiting check: each backlog order waiting past the grace period against the soonest free crew
   * able to go (its candidates). Off while nothing dispatches (auto-dispatch off and no --dispatch).
   */
  private async checkWaiting(dispatcher: Client) {
    const settings = await dispatcher.call<{ autoDispatch: boolean }>('GET', '/dispatch/settings');
    if (!this.opts.dispatch && settings.body.autoDispatch !== true) return;
    const backlog = await dispatcher.call<BacklogEntry[]>('GET', '/dispatch/backlog');
    if (backlog.status !== 200) throw new Error(`backlog ${backlog.status}`);
    this.stats.waiting.looks++;
    const grace = this.opts.waitGraceMs ?? 60_000;
    // A crew freed a moment ago may not have been planned yet: an order counts as left waiting only when a free
    // crew could have gone at two looks in a row.
    const suspects = new Set<string>();
    for (const b of backlog.body) {
      if (Date.now() - Date.parse(b.waitingSince) < grace) continue;
      const res = await dispatcher.call<Candidate[]>('GET', `/tickets/${b.ticketId}/candidates?limit=1`);
      if (res.status !== 200) continue;
      const free = res.body[0];
      let verdict: 'left' | 'held' | 'ok' = !free
        ? 'ok'
        : b.proposalKind === 'hold' && (b.proposedEtaMinutes ?? Number.POSITIVE_INFINITY) < free.etaMinutes
          ? 'held'
          : 'left';
      if (verdict === 'left' && !this.suspects.has(b.ticketId)) {
        suspects.add(b.ticketId);
        verdict = 'ok';
      }
      const before = this.verdicts.get(b.ticketId);
      if (before === 'left') continue;
      if (verdict === 'left')
        this.log(
          `left waiting: ${b.number} (${b.reason ?? 'proposal not taken'}) while ${free!.crewId.slice(0, 8)} is free, ` +
            `${Math.round(free!.etaMinutes)} min away` +
            (b.proposalKind === 'hold'
              ? `; held for a crew expected in ${Math.round(b.proposedEtaMinutes ?? 0)} min`
              : ''),
        );
      if (before !== 'held' || verdict === 'left') this.verdicts.set(b.ticketId, verdict);
    }
    this.suspects = suspects;
    const all = [...this.verdicts.values()];
    this.stats.waiting.waited = all.length;
    this.stats.waiting.leftWaiting = all.filter((v) => v === 'left').length;
    this.stats.waiting.heldBeatingFree = all.filter((v) => v === 'held').length;
  }

  private waitingSummary(): string {
    const w = this.stats.waiting;
    if (w.looks === 0) return 'waiting check: not run (auto-dispatch off and no --dispatch, or no look yet)';
    const grace = Math.round((this.opts.waitGraceMs ?? 60_000) / 1000);
    return (
      `waiting check (${w.looks} looks, orders waiting over ${grace} s): ${w.waited} seen, ` +
      `${w.leftWaiting} left waiting while a suitable crew was free; ${w.heldBeatingFree} held for a busy crew ` +
      'expected there sooner than every free crew, counted as not left waiting (a hold a free crew would beat ' +
      'counts as left waiting)' +
      (w.leftWaiting === 0 ? ': none left waiting' : ': FAILED')
    );
  }

  /** As dispatcher1: fault orders still undispatched after 30 s go to the best candidate. */
  private async dispatchStale(dispatcher: Client) {
    const list = await dispatcher.call<Page<Ticket>>(
      'GET',
      '/tickets?status=accepted&type=fault_repair&pageSize=50',
    );
    if (list.status !== 200) return;
    for (const t of list.body.items) {
      if (t.parentId || Date.now() - Date.parse(t.createdAt) < 30_000) continue;
      const res = await dispatcher.call<Ticket>('POST', `/tickets/${t.id}/dispatch`, {});
      if (res.status === 200) {
        this.stats.dispatched++;
        this.log(`dispatched ${t.number} → crew ${res.body.crewId?.slice(0, 8)}`);
      }
    }
  }
}

/** Starts the simulation; stop it with the signal. */
export function startSimulation(opts: SimulationOptions): Promise<Simulation> {
  return new Runner(opts).start();
}
