import { type TileDatum, toDisplay } from '@gd/web';
import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { DiamondMarker, sharedCanvas } from '../../../lib/leaflet';
import {
  buildOrderIndex,
  clusterLabel,
  clusterRadius,
  itemsInView,
  type OrderMapItem,
} from '../utils/clusters';
import { ORDER_SLA_COLOR, type OrderRow, rowsSignature } from '../utils/orders';

interface Props {
  rows: readonly OrderRow[];
  datum: TileDatum;
  selectedId: string | null;
  onSelect: (ticketId: string) => void;
  tooltip: (row: OrderRow) => string;
}

type Tagged = L.Layer & { gdItem?: OrderMapItem };

/** A key that changes whenever the drawn layer would look different. */
function keyOf(item: OrderMapItem, selectedId: string | null): string {
  return item.kind === 'cluster'
    ? `c:${item.clusterId}:${item.count}:${item.state}`
    : `o:${item.id}:${item.state}:${item.lat}:${item.lng}:${item.id === selectedId}`;
}

function layerFor(item: OrderMapItem, selected: boolean): Tagged {
  let layer: Tagged;
  if (item.kind === 'cluster') {
    const size = clusterRadius(item.count) * 2;
    layer = L.marker([item.lat, item.lng], {
      icon: L.divIcon({
        className: 'dm-cluster-icon',
        // The colour of the worst state inside, as in the legend.
        html: `<div class="dm-cluster dm-cluster--${item.state}" style="background:${ORDER_SLA_COLOR[item.state]};width:${size}px;height:${size}px;line-height:${size}px" data-testid="order-cluster" data-count="${item.count}">${clusterLabel(item.count)}</div>`,
        iconSize: [size, size],
      }),
      keyboard: false,
    });
  } else {
    layer = new DiamondMarker([item.lat, item.lng], {
      renderer: sharedCanvas(),
      radius: selected ? 11 : 7,
      color: selected ? '#111' : '#222',
      weight: selected ? 3 : 1,
      fillColor: ORDER_SLA_COLOR[item.state],
      fillOpacity: 0.95,
    });
  }
  layer.gdItem = item;
  return layer;
}

/**
 * Open orders as diamonds coloured by SLA state, clustered with supercluster below street zoom. The index is
 * rebuilt only when the set of orders or their states change; each pan or zoom asks it for the view's items and
 * only the layers that differ are added or removed. One shared tooltip and click handler serve every order.
 */
export function OrdersLayer({ rows, datum, selectedId, onSelect, tooltip }: Props) {
  const map = useMap();
  const handlers = useRef({ onSelect, tooltip, rows });
  handlers.current = { onSelect, tooltip, rows };

  const signature = useMemo(() => rowsSignature(rows), [rows]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt on the signature, not on each new rows array
  const index = useMemo(
    () =>
      buildOrderIndex(
        rows.map((r) => {
          const p = toDisplay(r.ticket.location!, datum);
          return { id: r.ticket.id, lat: p.lat, lng: p.lng, state: r.sla.state };
        }),
      ),
    [signature, datum],
  );

  const group = useRef<L.FeatureGroup | null>(null);
  const drawn = useRef(new Map<string, Tagged>());

  useEffect(() => {
    const g = L.featureGroup().addTo(map);
    const tip = L.tooltip({ direction: 'top', offset: [0, -6] });
    g.on('click', (e: L.LeafletEvent & { layer?: Tagged }) => {
      const item = e.layer?.gdItem;
      if (!item) return;
      if (item.kind === 'order') handlers.current.onSelect(item.id);
    });
    g.on('mouseover', (e: L.LeafletMouseEvent & { layer?: Tagged }) => {
      const item = e.layer?.gdItem;
      if (item?.kind !== 'order') return;
      // Looked up on hover, so the countdown is the current one.
      const row = handlers.current.rows.find((r) => r.ticket.id === item.id);
      if (row) tip.setLatLng([item.lat, item.lng]).setContent(handlers.current.tooltip(row)).addTo(map);
    });
    g.on('mouseout', () => tip.remove());
    group.current = g;
    const all = drawn.current;
    return () => {
      tip.remove();
      g.remove();
      all.clear();
      group.current = null;
    };
  }, [map]);

  useEffect(() => {
    const g = group.current;
    if (!g) return;
    const all = drawn.current;
    const draw = () => {
      const b = map.getBounds().pad(0.25);
      const items = itemsInView(index, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom());
      const wanted = new Map(items.map((i) => [keyOf(i, selectedId), i]));
      for (const [key, layer] of all) {
        if (wanted.has(key)) continue;
        g.removeLayer(layer);
        all.delete(key);
      }
      for (const [key, item] of wanted) {
        if (all.has(key)) continue;
        const layer = layerFor(item, item.kind === 'order' && item.id === selectedId);
        g.addLayer(layer);
        all.set(key, layer);
      }
    };
    // Cluster ids belong to one index: start afresh when the index changes.
    for (const layer of all.values()) g.removeLayer(layer);
    all.clear();
    draw();
    map.on('moveend', draw);
    return () => {
      map.off('moveend', draw);
    };
  }, [map, index, selectedId]);

  useEffect(() => {
    const clusterClick = (e: L.LeafletEvent & { layer?: Tagged }) => {
      const item = e.layer?.gdItem;
      if (item?.kind !== 'cluster') return;
      map.setView(
        [item.lat, item.lng],
        Math.min(index.getClusterExpansionZoom(item.clusterId), map.getMaxZoom()),
      );
    };
    const g = group.current;
    g?.on('click', clusterClick);
    return () => {
      g?.off('click', clusterClick);
    };
  }, [map, index]);

  return null;
}
