import type { Candidate, Crew } from '@gd/domain';
import { ErrorBox, Spinner } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { CREW_STATUS_COLOR } from '../../crews/utils/crews';
import { useCandidates } from '../api/get-candidates';

/** Crews ranked for the order (`GET /api/tickets/:id/candidates`), each with an assign button. */
export function CandidateList({
  ticketId,
  crewOf,
  canDispatch,
  busyCrewId,
  onAssign,
  notice = null,
}: {
  ticketId: string;
  crewOf: (id: string) => Crew | undefined;
  canDispatch: boolean;
  busyCrewId: string | null | undefined;
  onAssign: (crewId?: string) => void;
  /** Why the buttons are off, when they are (null: the panel says so itself). */
  notice?: string | null;
}) {
  const { t } = useTranslation();
  const q = useCandidates(ticketId);
  return (
    <section className="dm-section" data-testid="candidates">
      <header className="dm-section__head">
        <h3>{t('order.candidates')}</h3>
        <span className="dm-muted">{t('order.candidatesHint')}</span>
      </header>
      {canDispatch && (
        <button
          type="button"
          className="gd-primary dm-wide"
          data-testid="auto-assign-button"
          disabled={busyCrewId !== undefined}
          onClick={() => onAssign(undefined)}
        >
          {busyCrewId === null ? t('order.assigning') : t('order.autoAssign')}
        </button>
      )}
      {!canDispatch && notice !== null && <p className="dm-muted">{notice}</p>}
      {q.isPending && <Spinner />}
      {q.error && <ErrorBox error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && q.data.length === 0 && <p className="dm-empty">{t('order.noCandidates')}</p>}
      {q.data && q.data.length > 0 && (
        <table className="dm-table">
          <thead>
            <tr>
              <th>{t('order.crew')}</th>
              <th>{t('order.eta')}</th>
              <th>{t('order.distance')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {q.data.map((c: Candidate) => {
              const crew = crewOf(c.crewId);
              return (
                <tr key={c.crewId} data-testid="candidate-row" data-crew-id={c.crewId}>
                  <td>
                    <div className="dm-strong">{crew?.name ?? c.crewId}</div>
                    <div className="dm-chips">
                      <span
                        className={`dm-chip dm-chip--crew-${c.status}`}
                        style={{ borderLeft: `4px solid ${CREW_STATUS_COLOR[c.status]}` }}
                      >
                        {t(`crewStatus.${c.status}`)}
                      </span>
                      <span className={`dm-chip ${c.meetsArrivalSla ? 'dm-chip--ok' : 'dm-chip--bad'}`}>
                        {c.meetsArrivalSla ? t('order.meetsSla') : t('order.late')}
                      </span>
                      {!c.skillsOk && (
                        <span className="dm-chip dm-chip--bad">{t('order.skillsMissing')}</span>
                      )}
                    </div>
                  </td>
                  <td className="dm-num">{t('order.minutes', { n: Math.round(c.etaMinutes) })}</td>
                  <td className="dm-num">{t('order.km', { n: c.distanceKm.toFixed(1) })}</td>
                  <td>
                    <button
                      type="button"
                      className="gd-primary"
                      data-testid="assign-button"
                      data-crew-id={c.crewId}
                      disabled={!canDispatch || busyCrewId !== undefined}
                      onClick={() => onAssign(c.crewId)}
                    >
                      {busyCrewId === c.crewId ? t('order.assigning') : t('order.assign')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
