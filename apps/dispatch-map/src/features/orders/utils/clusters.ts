import Supercluster from 'supercluster';
import { type OrderSlaState, SLA_URGENCY } from './orders';

/** What each order point carries into the index: enough to colour it without looking the order up. */
export interface OrderPointProps {
  id: string;
  state: OrderSlaState;
}
/** What a cluster aggregates: how many of its orders are overdue or due soon. */
export interface OrderClusterProps {
  breached: number;
  warning: number;
  /** The most urgent state inside, as its SLA_URGENCY rank (so the cluster is coloured as the legend says). */
  worst: number;
}

export type OrderPoint = { id: string; lat: number; lng: number; state: OrderSlaState };

export type OrderMapItem =
  | { kind: 'order'; id: string; lat: number; lng: number; state: OrderSlaState }
  | {
      kind: 'cluster';
      clusterId: number;
      lat: number;
      lng: number;
      count: number;
      breached: number;
      warning: number;
      /** The worst state inside, for the cluster's colour. */
      state: OrderSlaState;
    };

const BY_URGENCY = Object.fromEntries(
  Object.entries(SLA_URGENCY).map(([state, rank]) => [rank, state as OrderSlaState]),
) as Record<number, OrderSlaState>;

/** Clusters below this zoom; from it on every order is drawn on its own (canvas circles are cheap). */
export const CLUSTER_MAX_ZOOM = 14;

export type OrderIndex = Supercluster<OrderPointProps, OrderClusterProps>;

export function buildOrderIndex(points: readonly OrderPoint[]): OrderIndex {
  const index = new Supercluster<OrderPointProps, OrderClusterProps>({
    radius: 60,
    maxZoom: CLUSTER_MAX_ZOOM,
    minPoints: 3,
    map: (p) => ({
      breached: p.state === 'breached' ? 1 : 0,
      warning: p.state === 'warning' ? 1 : 0,
      worst: SLA_URGENCY[p.state],
    }),
    reduce: (acc, p) => {
      acc.breached += p.breached;
      acc.warning += p.warning;
      acc.worst = Math.min(acc.worst, p.worst);
    },
  });
  index.load(
    points.map((p) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
      properties: { id: p.id, state: p.state },
    })),
  );
  return index;
}

/** The items to draw for a view: `bbox` = [west, south, east, north] in the same datum the index was built in. */
export function itemsInView(
  index: OrderIndex,
  bbox: [number, number, number, number],
  zoom: number,
): OrderMapItem[] {
  const z = Math.max(0, Math.min(Math.floor(zoom), CLUSTER_MAX_ZOOM + 1));
  return index.getClusters(bbox, z).map((f) => {
    const [lng, lat] = f.geometry.coordinates as [number, number];
    const p = f.properties;
    if ('cluster' in p && p.cluster) {
      return {
        kind: 'cluster',
        clusterId: p.cluster_id,
        lat,
        lng,
        count: p.point_count,
        breached: p.breached,
        warning: p.warning,
        state: BY_URGENCY[p.worst] ?? 'running',
      };
    }
    const op = p as OrderPointProps;
    return { kind: 'order', id: op.id, lat, lng, state: op.state };
  });
}

/** A short label for a cluster bubble: 9, 99, 1.2k. */
export function clusterLabel(count: number): string {
  if (count < 1000) return String(count);
  return `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
}

/** Radius in px of a cluster bubble, growing with the log of its size. */
export function clusterRadius(count: number): number {
  return Math.round(14 + 6 * Math.log10(Math.max(1, count)));
}
