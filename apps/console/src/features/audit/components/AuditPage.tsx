import { ApiError, EmptyState, ErrorBox, formatDateTime, Spinner, useClientConfig } from '@gd/web';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCrews } from '../../crews/api/get-crews.js';
import { useStaff, useStaffNames } from '../../staff/api/get-staff.js';
import { getTicket } from '../../tickets/api/get-ticket.js';
import { OrderNumberLink } from '../../tickets/components/OrderNumberLink.js';
import { systemActorName } from '../../tickets/lib/timeline.js';
import { type AuditFilter, useAudit } from '../api/get-audit.js';
import { auditDiff } from '../lib/audit-diff.js';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  auditActionLabel,
  auditEntityLabel,
  shortId,
} from '../lib/audit-labels.js';
import { type AuditFormat, auditFieldLabel, auditValue } from '../lib/audit-values.js';

const PAGE_SIZE = 50;

/** `datetime-local` value → ISO instant (the browser's zone), or undefined. */
function toIso(v: string): string | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function AuditPage() {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const names = useStaffNames();
  const staff = useStaff();
  const [draft, setDraft] = useState({
    entity: '',
    entityId: '',
    number: '',
    actorId: '',
    action: '',
    from: '',
    to: '',
  });
  const [numberProblem, setNumberProblem] = useState<string | null>(null);
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: PAGE_SIZE });
  const q = useAudit(filter);
  const total = q.data?.total ?? 0;
  const page = filter.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  async function apply(e: FormEvent) {
    e.preventDefault();
    // An order number (what people quote) is looked up to the order's id, which the trail is kept by.
    let order: { id: string } | null = null;
    const number = draft.number.trim().toUpperCase();
    setNumberProblem(null);
    if (number) {
      try {
        order = await getTicket(number);
      } catch (err) {
        setNumberProblem(
          err instanceof ApiError && err.status === 404 ? t('audit.noSuchOrder', { number }) : String(err),
        );
        return;
      }
    }
    setFilter({
      entity: order ? 'ticket' : draft.entity.trim() || undefined,
      entityId: order ? order.id : draft.entityId.trim() || undefined,
      actorId: draft.actorId || undefined,
      action: draft.action.trim() || undefined,
      from: toIso(draft.from),
      to: toIso(draft.to),
      page: 1,
      pageSize: PAGE_SIZE,
    });
  }
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  return (
    <div className="stack">
      <h1>{t('audit.title')}</h1>
      <form className="gd-card gd-row filters" onSubmit={apply} data-testid="audit-filter">
        <label>
          {t('audit.entity')}
          <select value={draft.entity} onChange={set('entity')} data-testid="audit-entity-filter">
            <option value="">{t('audit.all')}</option>
            {AUDIT_ENTITIES.map((e) => (
              <option key={e} value={e}>
                {auditEntityLabel(t, e)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.orderNumber')}
          <input
            value={draft.number}
            onChange={set('number')}
            size={18}
            placeholder="GD…"
            data-testid="audit-number-filter"
          />
        </label>
        <label>
          {t('audit.entityId')}
          <input value={draft.entityId} onChange={set('entityId')} size={14} />
        </label>
        <label>
          {t('audit.actor')}
          <select value={draft.actorId} onChange={set('actorId')}>
            <option value="">—</option>
            {(staff.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName} ({s.username})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.action')}
          <select value={draft.action} onChange={set('action')} data-testid="audit-action-filter">
            <option value="">{t('audit.all')}</option>
            {AUDIT_ACTIONS.map((code) => (
              <option key={code} value={code} title={code}>
                {auditActionLabel(t, code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.from')}
          <input type="datetime-local" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          {t('audit.to')}
          <input type="datetime-local" value={draft.to} onChange={set('to')} />
        </label>
        <button type="submit" className="gd-primary">
          {t('audit.filter')}
        </button>
      </form>
      {numberProblem && (
        <p className="gd-error" role="alert" data-testid="audit-number-problem">
          {numberProblem}
        </p>
      )}
      {q.isLoading && <Spinner />}
      <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
      {q.data && q.data.items.length === 0 && <EmptyState />}
      {q.data && q.data.items.length > 0 && (
        <>
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th>{t('audit.at')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.entity')}</th>
                <th>{t('audit.entityId')}</th>
                <th>{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((a) => (
                <tr key={a.id} data-testid="audit-row">
                  <td>{formatDateTime(a.at, timeZone, true)}</td>
                  <td>{a.actorId ? names(a.actorId) : systemOf(a.after, t)}</td>
                  <td title={a.action} data-testid="audit-action">
                    {auditActionLabel(t, a.action)}
                    <br />
                    <small className="muted mono">{a.action}</small>
                  </td>
                  <td title={a.entity} data-testid="audit-entity">
                    {auditEntityLabel(t, a.entity)}
                  </td>
                  <td className="mono" title={a.entityId ?? undefined} data-testid="audit-entity-id">
                    <EntityName entity={a.entity} id={a.entityId} names={names} />
                  </td>
                  <td>
                    <details data-testid="audit-details">
                      <summary>{t('audit.details')}</summary>
                      <DiffTable before={a.before} after={a.after} entity={a.entity} names={names} />
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="gd-row">
            <button
              type="button"
              disabled={page <= 1}
              onClick={() => setFilter((f) => ({ ...f, page: page - 1 }))}
            >
              {t('audit.prev')}
            </button>
            <span>{t('audit.page', { page, pages, total })}</span>
            <button
              type="button"
              disabled={page >= pages}
              onClick={() => setFilter((f) => ({ ...f, page: page + 1 }))}
            >
              {t('audit.next')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** The record a row is about, by the name people use: an order's number, a person's name; else a short id. */
function EntityName({
  entity,
  id,
  names,
}: {
  entity: string;
  id: string | null;
  names: (id: string | null | undefined) => string;
}) {
  if (!id) return <>–</>;
  if (entity === 'ticket') return <OrderNumberLink id={id} />;
  if (entity === 'staff') return <>{names(id)}</>;
  return <span title={id}>{shortId(id)}</span>;
}

/** 详情: before and after side by side in the reader's words, the changed fields first and marked. */
function DiffTable({
  before,
  after,
  entity,
  names,
}: {
  before: unknown;
  after: unknown;
  entity: string;
  names: (id: string | null | undefined) => string;
}) {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const crews = useCrews();
  const rows = auditDiff(before, after);
  if (rows.length === 0) return <p className="muted">–</p>;
  const f: AuditFormat = {
    t,
    entity,
    name: (id) => names(id),
    crew: (id) => {
      const c = crews.data?.find((x) => x.id === id);
      return c ? `${c.code ? `${c.code} ` : ''}${c.name}` : shortId(id);
    },
    dateTime: (iso) => formatDateTime(iso, timeZone, true),
  };
  return (
    <table className="audit-diff" data-testid="audit-diff">
      <thead>
        <tr>
          <th>{t('audit.field')}</th>
          <th>{t('audit.before')}</th>
          <th>{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} className={r.changed ? 'changed' : undefined} data-field={r.field}>
            <th scope="row" title={r.field}>
              {auditFieldLabel(t, r.field)}
            </th>
            <td>{r.raw.before === undefined ? '' : auditValue(r.field, r.raw.before, f)}</td>
            <td>{r.raw.after === undefined ? '' : auditValue(r.field, r.raw.after, f)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Who acted when no person did: the system part a workflow change records (`after.system`). */
function systemOf(after: unknown, t: TFunction): string {
  const system = (after as { system?: unknown } | null)?.system;
  return typeof system === 'string' ? systemActorName(system, t) : '–';
}
