import type { LatLng, RankedCandidate } from '@gd/domain';
import { Injectable, Logger } from '@nestjs/common';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';

/** How many of the best straight-line candidates get a road ETA. */
export const ROAD_TOP_N = 10;
const TIMEOUT_MS = 1500;

/**
 * Road ETAs from OSRM's table service (`/table/v1/driving/…?destinations=0`) when OSRM_URL is set. Only the top N by
 * straight line are asked (one request), then re-ranked by road time. Any failure (unreachable, timeout, bad
 * answer) keeps the formula ETAs: dispatch never waits on the router for more than 1.5 s.
 */
@Injectable()
export class RoadEtaService {
  private readonly logger = new Logger('OSRM');

  constructor(@InjectConfig() private readonly config: Config) {}

  get enabled() {
    return Boolean(this.config.OSRM_URL);
  }

  async refine(
    site: LatLng,
    candidates: RankedCandidate[],
    from: (c: RankedCandidate) => LatLng,
    opts: { setupMinutes: number; dueAt: Date | null; now: Date },
  ): Promise<{ candidates: RankedCandidate[]; source: 'osrm' | 'formula' }> {
    const base = this.config.OSRM_URL;
    const top = candidates.filter((c) => c.eligible).slice(0, ROAD_TOP_N);
    if (!base || top.length === 0) return { candidates, source: 'formula' };
    const coords = [site, ...top.map(from)].map((p) => `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
    const sources = top.map((_, i) => i + 1).join(';');
    const url = `${base.replace(/\/$/, '')}/table/v1/driving/${coords}?sources=${sources}&destinations=0&annotations=duration,distance`;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as {
        code?: string;
        durations?: (number | null)[][];
        distances?: (number | null)[][];
      };
      // One row per crew (source), one column: the site.
      const durations = body.durations;
      if (body.code !== 'Ok' || !durations || durations.length !== top.length) {
        throw new Error(`bad answer ${body.code ?? ''}`);
      }
      const refined = top.map((c, i) => {
        const seconds = durations[i]?.[0];
        if (seconds === null || seconds === undefined) return c;
        const eta = seconds / 60 + opts.setupMinutes;
        const km = body.distances?.[i]?.[0];
        return {
          ...c,
          etaMinutes: Math.round(eta * 10) / 10,
          distanceKm: typeof km === 'number' ? Math.round(km) / 1000 : c.distanceKm,
          meetsArrivalSla: opts.dueAt === null || opts.now.getTime() + eta * 60_000 <= opts.dueAt.getTime(),
        };
      });
      refined.sort((a, b) => a.etaMinutes - b.etaMinutes || (a.crewId < b.crewId ? -1 : 1));
      const rest = candidates.filter((c) => !top.includes(c));
      return { candidates: [...refined, ...rest], source: 'osrm' };
    } catch (err) {
      this.logger.warn(`road ETA unavailable (${(err as Error).message}): using the straight-line formula`);
      return { candidates, source: 'formula' };
    }
  }
}
