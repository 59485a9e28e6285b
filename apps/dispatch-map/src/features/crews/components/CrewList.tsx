import type { Crew } from '@gd/domain';
import { useTranslation } from 'react-i18next';
import { CREW_STATUS_COLOR } from '../utils/crews';

export const CREW_LIST_LIMIT = 300;

/** Crews matching the filters, by name; a click selects the crew and centres the map on it. */
export function CrewList({
  crews,
  selectedId,
  onSelect,
}: {
  crews: readonly Crew[];
  selectedId: string | null;
  onSelect: (crew: Crew) => void;
}) {
  const { t } = useTranslation();
  if (crews.length === 0) return <p className="dm-empty">{t('map.noCrews')}</p>;
  const shown = crews.slice(0, CREW_LIST_LIMIT);
  return (
    <>
      {crews.length > shown.length && (
        <p className="dm-muted">{t('map.showing', { shown: shown.length, total: crews.length })}</p>
      )}
      <ul className="dm-list" data-testid="crew-list">
        {shown.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className={`dm-row${c.id === selectedId ? ' dm-row--selected' : ''}`}
              style={{ borderLeftColor: CREW_STATUS_COLOR[c.status] }}
              data-testid="crew-row"
              data-crew-id={c.id}
              data-status={c.status}
              onClick={() => onSelect(c)}
            >
              <span className="dm-row__main">
                <strong>{c.name}</strong>
                <span className="dm-tag" style={{ background: CREW_STATUS_COLOR[c.status], color: '#fff' }}>
                  {t(`crewStatus.${c.status}`)}
                </span>
              </span>
              <span className="dm-row__sub">
                {c.skills.map((s) => t(`skills.${s}`)).join(t('map.listSep'))}
                {c.position ? '' : ` · ${t('crew.noPosition')}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
