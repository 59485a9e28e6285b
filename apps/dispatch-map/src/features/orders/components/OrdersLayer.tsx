import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { type TileDatum, toDisplay } from '../../../lib/datum';
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

/**
 * Open orders as diamonds coloured by SLA state, clustered with supercluster below street zoom. The index is
 * rebuilt only when the set of orders or their states change; each pan or zoom asks it for the view's items.
 */
export function OrdersLayer({ rows, datum, selectedId, onSelect, tooltip }: Props) {
  const map = useMap();
  const handlers = useRef({ onSelect, tooltip, rows });
  handlers.current = { onSelect, tooltip, rows };

  const signature = rowsSignature(rows);
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

  useEffect(() => {
    const group = L.layerGroup().addTo(map);
    const draw = () => {
      group.clearLayers();
      const b = map.getBounds().pad(0.25);
      const items = itemsInView(index, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom());
      for (const item of items)
        group.addLayer(layerFor(item, item.kind === 'order' && item.id === selectedId));
      function layerFor(item: OrderMapItem, selected: boolean): L.Layer {
        if (item.kind === 'cluster') {
          const size = clusterRadius(item.count) * 2;
          const marker = L.marker([item.lat, item.lng], {
            icon: L.divIcon({
              className: 'dm-cluster-icon',
              html: `<div class="dm-cluster dm-cluster--${item.state}" style="width:${size}px;height:${size}px;line-height:${size}px" data-testid="order-cluster" data-count="${item.count}">${clusterLabel(item.count)}</div>`,
              iconSize: [size, size],
            }),
            keyboard: false,
          });
          marker.on('click', () => {
            const zoom = Math.min(index.getClusterExpansionZoom(item.clusterId), map.getMaxZoom());
            map.setView([item.lat, item.lng], zoom);
          });
          return marker;
        }
        const marker = new DiamondMarker([item.lat, item.lng], {
          renderer: sharedCanvas(),
          radius: selected ? 11 : 7,
          color: selected ? '#111' : '#222',
          weight: selected ? 3 : 1,
          fillColor: ORDER_SLA_COLOR[item.state],
          fillOpacity: 0.95,
        });
        marker.on('click', () => handlers.current.onSelect(item.id));
        marker.bindTooltip(() => {
          // Looked up on hover, so the countdown is the current one.
          const row = handlers.current.rows.find((r) => r.ticket.id === item.id);
          return row ? handlers.current.tooltip(row) : '';
        });
        return marker;
      }
    };
    draw();
    map.on('moveend zoomend', draw);
    return () => {
      map.off('moveend zoomend', draw);
      group.remove();
    };
  }, [map, index, selectedId]);

  return null;
}
