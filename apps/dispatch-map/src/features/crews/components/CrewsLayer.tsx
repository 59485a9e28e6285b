import type { Crew } from '@gd/domain';
import { type TileDatum, toDisplay } from '@gd/web';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { sharedCanvas } from '../../../lib/leaflet';
import type { LiveStore } from '../../../lib/liveStore';
import { CREW_STATUS_COLOR } from '../utils/crews';

interface Props {
  store: LiveStore<Crew>;
  datum: TileDatum;
  /** Which crews to draw (filters); a new function redraws all. */
  visible: (crew: Crew) => boolean;
  selectedId: string | null;
  onSelect: (crewId: string) => void;
  tooltip: (crew: Crew) => string;
}

const styleOf = (crew: Crew, selected: boolean): L.CircleMarkerOptions => ({
  radius: selected ? 11 : 8,
  color: selected ? '#111' : '#fff',
  weight: selected ? 3 : 2,
  fillColor: CREW_STATUS_COLOR[crew.status],
  fillOpacity: 0.95,
});

/**
 * Crews as circle markers on the shared canvas, driven imperatively: a store change touches only the markers of
 * the crews that changed (no React render per moving crew).
 */
export function CrewsLayer({ store, datum, visible, selectedId, onSelect, tooltip }: Props) {
  const map = useMap();
  const markers = useRef(new Map<string, { marker: L.CircleMarker; key: string }>());
  const group = useRef<L.LayerGroup | null>(null);
  const handlers = useRef({ onSelect, tooltip });
  handlers.current = { onSelect, tooltip };

  useEffect(() => {
    const g = L.layerGroup().addTo(map);
    group.current = g;
    const all = markers.current;
    return () => {
      g.remove();
      all.clear();
      group.current = null;
    };
  }, [map]);

  useEffect(() => {
    const g = group.current;
    if (!g) return;
    const all = markers.current;
    const draw = (ids: Iterable<string>) => {
      for (const id of ids) {
        const crew = store.get(id);
        const existing = all.get(id);
        if (!crew?.position || !visible(crew)) {
          if (existing) {
            g.removeLayer(existing.marker);
            all.delete(id);
          }
          continue;
        }
        const p = toDisplay(crew.position, datum);
        const selected = id === selectedId;
        const key = `${crew.status}|${selected}`;
        if (!existing) {
          const marker = L.circleMarker([p.lat, p.lng], {
            renderer: sharedCanvas(),
            ...styleOf(crew, selected),
          });
          marker.on('click', () => handlers.current.onSelect(id));
          marker.bindTooltip(() => {
            const c = store.get(id);
            return c ? handlers.current.tooltip(c) : '';
          });
          g.addLayer(marker);
          all.set(id, { marker, key });
          continue;
        }
        existing.marker.setLatLng([p.lat, p.lng]);
        if (existing.key !== key) {
          existing.marker.setStyle(styleOf(crew, selected));
          existing.key = key;
        }
        if (selected) existing.marker.bringToFront();
      }
    };
    draw(new Set([...all.keys(), ...Array.from(store.values(), (c) => c.id)]));
    return store.subscribe((changed, removed) => draw([...changed, ...removed]));
  }, [store, datum, visible, selectedId]);

  return null;
}

/** The number of crew markers drawn (for the testable status element). */
export function crewMarkerCount(store: LiveStore<Crew>, visible: (c: Crew) => boolean): number {
  let n = 0;
  for (const c of store.values()) if (c.position && visible(c)) n++;
  return n;
}
