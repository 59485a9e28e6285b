/**
 * Every Leaflet quirk the map needs, in one place:
 * - the default marker icon looks for its PNGs next to leaflet.css, which a bundler moves: point it at the
 *   bundler-imported files instead;
 * - fitting the view to 0, 1 or many points (fitBounds on one point zooms to the maximum, on none it throws);
 * - one shared canvas renderer, so thousands of circle markers are drawn on one <canvas> instead of SVG nodes.
 */

import type { LatLng } from '@gd/domain';
import L from 'leaflet';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';

export function fixDefaultIcons(): void {
  // Leaflet guesses the image path from the CSS file's URL unless this is gone.
  delete (L.Icon.Default.prototype as { _getIconUrl?: unknown })._getIconUrl;
  L.Icon.Default.mergeOptions({ iconRetinaUrl, iconUrl, shadowUrl });
}

export type MapView =
  | { kind: 'none' }
  | { kind: 'point'; center: [number, number]; zoom: number }
  | { kind: 'bounds'; bounds: [[number, number], [number, number]] };

/** Zoom used to show a single point: a few streets around it. */
export const SINGLE_POINT_ZOOM = 15;

/** The view that shows all points: none → keep the current view, one (or all equal) → centre on it, many → bounds. */
export function viewFor(points: readonly LatLng[], singleZoom = SINGLE_POINT_ZOOM): MapView {
  const valid = points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lng));
  const first = valid[0];
  if (!first) return { kind: 'none' };
  let minLat = first.lat;
  let maxLat = first.lat;
  let minLng = first.lng;
  let maxLng = first.lng;
  for (const p of valid) {
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
    minLng = Math.min(minLng, p.lng);
    maxLng = Math.max(maxLng, p.lng);
  }
  if (minLat === maxLat && minLng === maxLng)
    return { kind: 'point', center: [first.lat, first.lng], zoom: singleZoom };
  return {
    kind: 'bounds',
    bounds: [
      [minLat, minLng],
      [maxLat, maxLng],
    ],
  };
}

/**
 * Moves the map to a {@link viewFor} result at once; returns false when there was nothing to show. Without an
 * animation: a zoom transition still running ends on its own target, so a fit animated after a filter change would
 * undo the dispatcher's next move (a click on an order) when it landed.
 */
export function applyView(map: L.Map, view: MapView, padding: [number, number] = [24, 24]): boolean {
  if (view.kind === 'none') return false;
  if (view.kind === 'point') map.setView(view.center, view.zoom, { animate: false });
  else map.fitBounds(view.bounds, { padding, animate: false });
  return true;
}

let canvas: L.Canvas | undefined;
/** The one canvas renderer shared by every vector layer of the map (crews, orders, trails). */
export function sharedCanvas(): L.Canvas {
  canvas ??= L.canvas({ padding: 0.5, tolerance: 4 });
  return canvas;
}

interface CanvasInternals {
  _drawing: boolean;
  _ctx: CanvasRenderingContext2D;
  _fillStroke(ctx: CanvasRenderingContext2D, layer: L.Path): void;
}
interface MarkerInternals {
  _renderer: CanvasInternals;
  _point: L.Point;
  _radius: number;
  _empty(): boolean;
}

/**
 * A circle marker drawn as a diamond on the canvas renderer, so orders (diamonds) and crews (circles) differ by
 * shape as well as colour. Same hit area and options as a circle marker; canvas renderer only.
 */
export const DiamondMarker = L.CircleMarker.extend({
  _updatePath(this: MarkerInternals & L.Path) {
    const r = this._renderer;
    if (!r?._drawing || this._empty()) return;
    const ctx = r._ctx;
    const { x, y } = this._point;
    const s = Math.max(Math.round(this._radius), 1);
    ctx.beginPath();
    ctx.moveTo(x, y - s);
    ctx.lineTo(x + s, y);
    ctx.lineTo(x, y + s);
    ctx.lineTo(x - s, y);
    ctx.closePath();
    r._fillStroke(ctx, this);
  },
}) as unknown as new (
  latlng: L.LatLngExpression,
  options?: L.CircleMarkerOptions,
) => L.CircleMarker;
