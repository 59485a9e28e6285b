import { CREW_SKILLS, type Crew } from '@gd/domain';
import { CrewStatusBadge, EmptyState, ErrorBox, Spinner } from '@gd/web';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useStaff } from '../../staff/api/get-staff.js';
import { useCreateCrew } from '../api/create-crew.js';
import { useCrews } from '../api/get-crews.js';
import { useUpdateCrew } from '../api/update-crew.js';
import '../crews.css';
import {
  type CrewFormError,
  type CrewForm as CrewFormState,
  crewMembers,
  toCrewForm,
  toCrewPayload,
  toggleSkill,
} from '../lib/crew-form.js';

export function CrewsPage() {
  const { t } = useTranslation();
  const crews = useCrews();
  const staff = useStaff();
  const [editing, setEditing] = useState<Crew | 'new' | null>(null);
  return (
    <div className="stack">
      <div className="gd-row gd-row--between">
        <h1>{t('crews.title')}</h1>
        <button type="button" className="gd-primary" onClick={() => setEditing('new')} data-testid="crew-add">
          {t('crews.add')}
        </button>
      </div>
      {editing && (
        <CrewForm
          key={editing === 'new' ? 'new' : editing.id}
          crew={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {crews.isLoading && <Spinner />}
      <ErrorBox error={crews.error} onRetry={() => void crews.refetch()} />
      {crews.data?.length === 0 && <EmptyState />}
      {crews.data && crews.data.length > 0 && (
        <table data-testid="crews-table">
          <thead>
            <tr>
              <th>{t('crews.code')}</th>
              <th>{t('crews.name')}</th>
              <th>{t('crews.skills')}</th>
              <th>{t('crews.members')}</th>
              <th>{t('crews.vehicle')}</th>
              <th>{t('crews.depot')}</th>
              <th>{t('crews.shift')}</th>
              <th>{t('crews.statusLabel')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {crews.data.map((c) => {
              const members = crewMembers(staff.data, c.id);
              return (
                <tr key={c.id} data-testid="crew-row" data-crew-id={c.id}>
                  <td>{c.code ?? ''}</td>
                  <td>
                    {c.name}
                    {c.district ? <div className="muted">{c.district}</div> : null}
                  </td>
                  <td>{c.skills.map((s) => t(`crews.skill.${s}`)).join('、')}</td>
                  <td data-testid="crew-members">
                    {members.length ? members.map((m) => m.displayName || m.username).join('、') : '–'}
                  </td>
                  <td>{c.vehicle ?? ''}</td>
                  <td>
                    {c.depot.name ?? ''}
                    <div className="muted">
                      {c.depot.lat.toFixed(4)}, {c.depot.lng.toFixed(4)}
                    </div>
                  </td>
                  <td>{c.shift ? `${c.shift.start}–${c.shift.end}` : t('crews.allDay')}</td>
                  <td>
                    <CrewStatusBadge status={c.status} />
                  </td>
                  <td>
                    <button type="button" onClick={() => setEditing(c)}>
                      {t('crews.edit')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function CrewForm({ crew, onDone }: { crew: Crew | null; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateCrew();
  const update = useUpdateCrew();
  const staff = useStaff();
  const [form, setForm] = useState<CrewFormState>(() => toCrewForm(crew));
  const [invalid, setInvalid] = useState<CrewFormError[]>([]);
  const m = crew ? update : create;
  const set = (patch: Partial<CrewFormState>) => setForm((f) => ({ ...f, ...patch }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const built = toCrewPayload(form);
    if (!built.ok) {
      setInvalid(built.errors);
      return;
    }
    setInvalid([]);
    if (crew) update.mutate({ id: crew.id, ...built.payload }, { onSuccess: onDone });
    else create.mutate(built.payload, { onSuccess: onDone });
  }

  const members = crew ? crewMembers(staff.data, crew.id) : [];
  return (
    <form className="gd-card form-grid" onSubmit={submit} data-testid="crew-form" noValidate>
      <label>
        {t('crews.code')}
        <input
          required
          maxLength={16}
          placeholder="C41"
          value={form.code}
          onChange={(e) => set({ code: e.target.value })}
          data-testid="crew-code"
        />
      </label>
      <label>
        {t('crews.name')}
        <input
          required
          maxLength={64}
          value={form.name}
          onChange={(e) => set({ name: e.target.value })}
          data-testid="crew-name"
        />
      </label>
      <fieldset className="span-2">
        <legend>{t('crews.skills')}</legend>
        <div className="crew-skills">
          {CREW_SKILLS.map((s) => (
            <label key={s}>
              <input
                type="checkbox"
                checked={form.skills.includes(s)}
                onChange={() => set({ skills: toggleSkill(form.skills, s) })}
                data-testid={`crew-skill-${s}`}
              />
              {t(`crews.skill.${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        {t('crews.depotName')}
        <input maxLength={64} value={form.depotName} onChange={(e) => set({ depotName: e.target.value })} />
      </label>
      <label>
        {t('crews.district')}
        <input maxLength={64} value={form.district} onChange={(e) => set({ district: e.target.value })} />
      </label>
      <label>
        {t('crews.depotLat')}
        <input
          inputMode="decimal"
          required
          value={form.depotLat}
          onChange={(e) => set({ depotLat: e.target.value })}
          data-testid="crew-depot-lat"
        />
      </label>
      <label>
        {t('crews.depotLng')}
        <input
          inputMode="decimal"
          required
          value={form.depotLng}
          onChange={(e) => set({ depotLng: e.target.value })}
          data-testid="crew-depot-lng"
        />
      </label>
      <label>
        {t('crews.shiftStart')}
        <input type="time" value={form.shiftStart} onChange={(e) => set({ shiftStart: e.target.value })} />
      </label>
      <label>
        {t('crews.shiftEnd')}
        <input type="time" value={form.shiftEnd} onChange={(e) => set({ shiftEnd: e.target.value })} />
      </label>
      <label>
        {t('crews.vehicle')}
        <input maxLength={32} value={form.vehicle} onChange={(e) => set({ vehicle: e.target.value })} />
      </label>
      <label>
        {t('crews.phone')}
        <input maxLength={32} value={form.phone} onChange={(e) => set({ phone: e.target.value })} />
      </label>
      <p className="span-2 muted">{t('crews.shiftHint')}</p>
      {crew && (
        <div className="span-2">
          <strong>{t('crews.members')}</strong>{' '}
          <span className="muted" data-testid="crew-id">
            {t('crews.id')}: <code>{crew.id}</code>
          </span>
          <p>
            {members.length
              ? members.map((u) => `${u.displayName}（${u.username}）`).join('、')
              : t('crews.noMembers')}{' '}
            <Link to="/admin/staff">{t('crews.manageMembers')}</Link>
          </p>
        </div>
      )}
      <div className="span-2">
        {invalid.length > 0 && (
          <div className="gd-error" role="alert" data-testid="crew-form-invalid">
            <ul>
              {invalid.map((k) => (
                <li key={k}>{t(`crews.errors.${k}`)}</li>
              ))}
            </ul>
          </div>
        )}
        <ErrorBox error={m.error} />
      </div>
      <div className="span-2 gd-row">
        <button type="submit" className="gd-primary" disabled={m.isPending} data-testid="crew-save">
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
