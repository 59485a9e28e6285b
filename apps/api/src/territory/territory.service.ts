import {
  bboxContains,
  type LatLng,
  polygonContains,
  type ZoneClassification,
  type ZoneCollection,
} from '@gd/domain';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { zones } from '../db/schema/index.js';

type ZoneRow = typeof zones.$inferSelect;

/**
 * The service territory. Zones are few and change rarely, so they are held in memory and point-in-polygon runs in
 * the application (PGlite has no PostGIS; this keeps one code path for both databases).
 */
@Injectable()
export class TerritoryService {
  private cache: { rows: ZoneRow[]; loadedAt: number } | null = null;
  private static readonly TTL_MS = 60_000;

  constructor(@InjectDatabase() private readonly database: DatabaseHandle) {}

  async zones(): Promise<ZoneRow[]> {
    if (!this.cache || Date.now() - this.cache.loadedAt > TerritoryService.TTL_MS) {
      const rows = await this.database.db.select().from(zones).orderBy(zones.id);
      this.cache = { rows, loadedAt: Date.now() };
    }
    return this.cache.rows;
  }

  invalidate() {
    this.cache = null;
  }

  async featureCollection(): Promise<ZoneCollection> {
    const rows = await this.zones();
    return {
      type: 'FeatureCollection',
      features: rows.map((z) => ({
        type: 'Feature',
        id: z.id,
        properties: { id: z.id, name: z.name, district: z.district, zoneClass: z.zoneClass },
        geometry: z.area,
      })),
    };
  }

  /** The zone containing the point, or null outside the territory. */
  async locate(p: LatLng): Promise<ZoneRow | null> {
    for (const z of await this.zones()) {
      if (bboxContains(z, p) && polygonContains(z.area, p)) return z;
    }
    return null;
  }

  /** Like locate, but a point outside the territory is a 422 the caller can show. */
  async classify(p: LatLng): Promise<ZoneClassification & { zoneId: string }> {
    const zone = await this.locate(p);
    if (!zone) {
      throw new UnprocessableEntityException(`location ${p.lat},${p.lng} is outside the service territory`);
    }
    return { zoneId: zone.id, zoneClass: zone.zoneClass, district: zone.district };
  }
}
