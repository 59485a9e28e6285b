import { CALLBACK_STATUSES, type CallbackStatus } from '@gd/domain';
import {
  EmptyState,
  ErrorBox,
  formatDateTime,
  formatPhone,
  Spinner,
  useClientConfig,
  useSocketEvent,
} from '@gd/web';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCallback as useCallbackDetail } from '../api/get-callback.js';
import { useCallbacks } from '../api/get-callbacks.js';
import { step } from '../lib/survey.js';
import '../callbacks.css';
import { OrderStory } from './OrderStory.js';
import { SurveyForm } from './SurveyForm.js';

/** `/callbacks`: the QA queue by due time, the selected order's story, and the survey beside it. */
export function CallbacksPage() {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const requested = params.get('status') as CallbackStatus | null;
  const status: CallbackStatus = requested && CALLBACK_STATUSES.includes(requested) ? requested : 'due';
  const list = useCallbacks(status);
  const rows = list.data ?? [];
  const selectedId = params.get('id') ?? undefined;
  const index = rows.findIndex((r) => r.id === selectedId);
  const selected = index >= 0 ? rows[index] : undefined;
  const detail = useCallbackDetail(selected?.id);
  const [saved, setSaved] = useState<string | null>(null);

  const select = (id: string | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('id', id);
    else next.delete('id');
    setParams(next, { replace: true });
  };
  const move = (by: 1 | -1) => {
    const i = step(index, rows.length, by);
    if (i >= 0) select(rows[i]!.id);
  };
  // Start on the first task; after a survey the task leaves the "due" list, so move to the one that took its place.
  // biome-ignore lint/correctness/useExhaustiveDependencies: select is stable enough for this
  useEffect(() => {
    if (!selected && rows.length > 0) select(rows[Math.min(Math.max(index, 0), rows.length - 1)]!.id);
  }, [rows, selected]);

  useSocketEvent('callback.due', () => void qc.invalidateQueries({ queryKey: ['callbacks', 'list'] }));

  return (
    <div className="callbacks-page" data-testid="callbacks-page">
      <section className="cb-queue">
        <div className="tabs" role="tablist">
          {CALLBACK_STATUSES.map((s) => (
            <button
              type="button"
              role="tab"
              key={s}
              aria-selected={s === status}
              className={s === status ? 'tab active' : 'tab'}
              data-testid={`callback-tab-${s}`}
              onClick={() => setParams({ status: s })}
            >
              {t(`callbacks.tabs.${s}`)}
            </button>
          ))}
          {list.data && <span className="muted">{t('callbacks.count', { n: rows.length })}</span>}
        </div>
        {list.isLoading && <Spinner />}
        <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
        {list.isSuccess && rows.length === 0 && <EmptyState>{t('callbacks.empty')}</EmptyState>}
        {rows.length > 0 && (
          <table className="queue-table" data-testid="callback-queue">
            <thead>
              <tr>
                <th>{status === 'due' ? t('callbacks.dueAt') : t('ticket.completedAt')}</th>
                <th>{t('callbacks.order')}</th>
                <th>{t('callbacks.customer')}</th>
                <th>{t('callbacks.attempts')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.id}
                  data-testid="callback-row"
                  data-callback-id={r.id}
                  data-ticket-number={r.ticketNumber}
                  aria-selected={r.id === selected?.id}
                  className={[r.id === selected?.id ? 'selected' : '', r.overdue ? 'overdue' : ''].join(' ')}
                  tabIndex={0}
                  onClick={() => select(r.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') select(r.id);
                  }}
                >
                  <td>
                    {formatDateTime(status === 'due' ? r.sortAt : r.completedAt, timeZone)}
                    {r.overdue && <span className="tag danger">{t('callbacks.overdue')}</span>}
                    {r.nextAttemptAt && status === 'due' && (
                      <div className="muted small">{t('callbacks.nextAttemptAt')}</div>
                    )}
                  </td>
                  <td>
                    <div className="mono">{r.ticketNumber}</div>
                    <div className="muted small">
                      {t(`ticketType.${r.ticketType}`)}
                      {r.outcome && ` · ${t(`callbacks.outcome.${r.outcome}`)}`}
                    </div>
                  </td>
                  <td>
                    {r.customerName ?? '–'}
                    <div className="mono small">{formatPhone(r.customerPhone)}</div>
                  </td>
                  <td>{r.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="cb-story">
        {!selected && rows.length > 0 && <EmptyState>{t('callbacks.pick')}</EmptyState>}
        {selected && detail.isLoading && <Spinner />}
        <ErrorBox error={detail.error} onRetry={() => void detail.refetch()} />
        {selected && detail.data && <OrderStory detail={detail.data} />}
      </section>
      <aside className="cb-survey">
        {saved && (
          <p className="survey-result" data-testid="survey-result" role="status">
            {saved}
          </p>
        )}
        {selected && (
          <SurveyForm callback={selected} onNext={() => move(1)} onPrev={() => move(-1)} onSaved={setSaved} />
        )}
      </aside>
    </div>
  );
}
