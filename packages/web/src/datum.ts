import type { LatLng, PolygonGeometry } from '@gd/domain';
import gcoord from 'gcoord';

/**
 * Positions are WGS-84 everywhere in data (GPS, API, storage). Chinese web tiles (AMap and others) are drawn in
 * GCJ-02, offset by hundreds of metres, so a point is converted only at the last step, for display on such tiles,
 * and converted back when the user picks a point on the map.
 */
export type TileDatum = 'wgs84' | 'gcj02';

/** WGS-84 → the tiles' datum. Identity for `wgs84`, and (as GCJ-02 itself defines) outside mainland China. */
export function toDisplay(p: LatLng, datum: TileDatum): LatLng {
  if (datum === 'wgs84') return { lat: p.lat, lng: p.lng };
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.GCJ02);
  return { lat, lng };
}

/** The tiles' datum → WGS-84 (for a point picked on the map). Inverse of {@link toDisplay} to well under a metre. */
export function fromDisplay(p: LatLng, datum: TileDatum): LatLng {
  if (datum === 'wgs84') return { lat: p.lat, lng: p.lng };
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.GCJ02, gcoord.WGS84);
  return { lat, lng };
}

/** A polygon's rings as Leaflet `[lat, lng]` pairs in the display datum (GeoJSON stores `[lng, lat]`). */
export function polygonToDisplay(polygon: PolygonGeometry, datum: TileDatum): [number, number][][] {
  return polygon.coordinates.map((ring) =>
    ring.flatMap(([lng, lat]) => {
      if (lng === undefined || lat === undefined) return [];
      const d = toDisplay({ lat, lng }, datum);
      return [[d.lat, d.lng] as [number, number]];
    }),
  );
}

/** The datum of the configured tiles (`TILE_DATUM`); anything but `gcj02` is WGS-84. */
export function tileDatumOf(config: { tileDatum: string } | null | undefined): TileDatum {
  return config?.tileDatum === 'gcj02' ? 'gcj02' : 'wgs84';
}
