import {
  type BBox,
  bboxContains,
  bboxOf,
  type LatLng,
  polygonContains,
  type ZoneClass,
  type ZoneCollection,
  type ZoneFeature,
} from '@gd/domain';

/** Fill colours by zone class: light enough that markers stay readable on top. */
export const ZONE_CLASS_STYLE: Record<ZoneClass, { fill: string; stroke: string }> = {
  urban: { fill: '#f4c7a1', stroke: '#c0612b' },
  rural: { fill: '#cfe8c0', stroke: '#4f8a3a' },
  remote: { fill: '#c9d6ea', stroke: '#4a6b9a' },
};

export interface ZoneIndex {
  zones: { feature: ZoneFeature; box: BBox }[];
}

export function indexZones(collection: ZoneCollection | undefined): ZoneIndex {
  return {
    zones: (collection?.features ?? []).map((feature) => ({ feature, box: bboxOf(feature.geometry) })),
  };
}

/** The zone a WGS-84 point falls in (bounding boxes first, then the polygon), or null outside the territory. */
export function zoneAt(index: ZoneIndex, p: LatLng): ZoneFeature | null {
  for (const z of index.zones) {
    if (bboxContains(z.box, p) && polygonContains(z.feature.geometry, p)) return z.feature;
  }
  return null;
}

/** Districts of the territory, sorted (Chinese collation), for the district filter. */
export function districtsOf(collection: ZoneCollection | undefined): string[] {
  const set = new Set((collection?.features ?? []).map((f) => f.properties.district));
  return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** Every outer-ring vertex of every zone (to fit the map to the territory). */
export function zoneVertices(collection: ZoneCollection | undefined): LatLng[] {
  return (collection?.features ?? []).flatMap((f) =>
    (f.geometry.coordinates[0] ?? []).flatMap(([lng, lat]) =>
      lng === undefined || lat === undefined ? [] : [{ lat, lng }],
    ),
  );
}
