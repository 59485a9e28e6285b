import { DRAWN_AREA, drawnAreaProblem, type LatLng } from '@gd/domain';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PlaceMap } from './PlaceMap.js';

/**
 * An area drawn by clicking its corners in order (a planned outage's feeder section), with undo and clear, around
 * `focus` (a customer's address, marked). The parent keeps the corners; `drawnAreaProblem` says when they make no
 * area yet.
 */
export function AreaDrawer({
  focus,
  corners,
  onChange,
}: {
  focus: LatLng | null;
  corners: LatLng[];
  onChange: (corners: LatLng[]) => void;
}) {
  const { t } = useTranslation();
  const problem = corners.length > 0 ? drawnAreaProblem(corners) : null;
  // Clicks can come faster than renders: each corner is added to the latest list, not to the one last drawn.
  const latest = useRef(corners);
  latest.current = corners;
  function add(p: LatLng) {
    latest.current = [...latest.current, p];
    onChange(latest.current);
  }
  return (
    <div className="stack">
      <PlaceMap
        focus={focus}
        point={focus}
        corners={corners}
        onPick={add}
        hint={t('map.drawHint')}
        testId="area-map"
        height={340}
      />
      <div className="gd-row">
        <span data-testid="area-corners">{t('map.corners', { n: corners.length })}</span>
        <button
          type="button"
          disabled={corners.length === 0}
          onClick={() => onChange(corners.slice(0, -1))}
          data-testid="area-undo"
        >
          {t('map.undo')}
        </button>
        <button type="button" disabled={corners.length === 0} onClick={() => onChange([])}>
          {t('map.clear')}
        </button>
      </div>
      {problem && (
        <p className="gd-error" data-testid="area-problem">
          {t(`map.${problem}`, { max: DRAWN_AREA.maxVertices })}
        </p>
      )}
    </div>
  );
}
