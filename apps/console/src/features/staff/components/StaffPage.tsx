import { ROLES, type Role, type User } from '@gd/domain';
import { districtsOf, EmptyState, ErrorBox, Spinner, useAuth, useZones } from '@gd/web';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCrews } from '../../crews/api/get-crews.js';
import { useCreateStaff } from '../api/create-staff.js';
import { useStaff } from '../api/get-staff.js';
import { useUpdateStaff } from '../api/update-staff.js';

export function StaffPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const update = useUpdateStaff();
  const { user: me } = useAuth();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  /** The account whose 停用 was pressed: disabling asks first (a disabled person is signed out mid-shift). */
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <div className="stack">
      <div className="gd-row gd-row--between">
        <h1>{t('staff.title')}</h1>
        <button
          type="button"
          className="gd-primary"
          onClick={() => setEditing('new')}
          data-testid="staff-add"
        >
          {t('staff.add')}
        </button>
      </div>
      {editing && (
        <StaffForm
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {staff.isLoading && <Spinner />}
      <ErrorBox error={staff.error ?? update.error} onRetry={() => void staff.refetch()} />
      {staff.data?.length === 0 && <EmptyState />}
      {staff.data && staff.data.length > 0 && (
        <table data-testid="staff-table">
          <thead>
            <tr>
              <th>{t('staff.username')}</th>
              <th>{t('staff.displayName')}</th>
              <th>{t('staff.role')}</th>
              <th>{t('staff.district')}</th>
              <th>{t('staff.team')}</th>
              <th>{t('staff.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {staff.data.map((u) => (
              <tr key={u.id} data-testid="staff-row" className={u.disabled ? 'row--disabled' : ''}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td>{u.district ?? ''}</td>
                <td data-testid="staff-team">{u.team ?? ''}</td>
                <td>{u.disabled ? t('staff.disabled') : t('staff.active')}</td>
                <td className="gd-row">
                  <button type="button" onClick={() => setEditing(u)}>
                    {t('staff.edit')}
                  </button>
                  {u.id === me?.id ? (
                    // The API refuses it too (409): one cannot lock oneself out of the admin screens.
                    <span className="muted" data-testid="staff-self">
                      {t('staff.you')}
                    </span>
                  ) : confirming === u.id ? (
                    <>
                      <button
                        type="button"
                        className="gd-danger"
                        disabled={update.isPending}
                        data-testid="staff-disable-confirm"
                        onClick={() =>
                          update.mutate(
                            { id: u.id, disabled: true },
                            { onSettled: () => setConfirming(null) },
                          )
                        }
                      >
                        {t('staff.confirmDisable', { name: u.displayName || u.username })}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      disabled={update.isPending}
                      data-testid={u.disabled ? 'staff-enable' : 'staff-disable'}
                      onClick={() =>
                        u.disabled ? update.mutate({ id: u.id, disabled: false }) : setConfirming(u.id)
                      }
                    >
                      {u.disabled ? t('staff.enable') : t('staff.disable')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function StaffForm({ user, onDone }: { user: User | null; onDone: () => void }) {
  const zones = useZones();
  const districts = districtsOf(zones.data);
  const crews = useCrews();
  const { t } = useTranslation();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'agent');
  const [password, setPassword] = useState('');
  const [district, setDistrict] = useState(user?.district ?? '');
  const [team, setTeam] = useState(user?.team ?? '');
  const [crewId, setCrewId] = useState(user?.crewId ?? '');
  const m = user ? update : create;

  function submit(e: FormEvent) {
    e.preventDefault();
    const common = {
      displayName: displayName.trim(),
      role,
      district: district.trim() || undefined,
      crewId: crewId.trim() || undefined,
    };
    if (user) {
      update.mutate(
        { id: user.id, ...common, team: team.trim() || null, ...(password ? { password } : {}) },
        { onSuccess: onDone },
      );
    } else {
      create.mutate(
        { username: username.trim(), password, ...common, team: team.trim() || undefined },
        { onSuccess: onDone },
      );
    }
  }

  return (
    <form className="gd-card form-grid" onSubmit={submit} data-testid="staff-form">
      <label>
        {t('staff.username')}
        <input
          required
          disabled={Boolean(user)}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        {t('staff.displayName')}
        <input required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label>
        {t('staff.role')}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('staff.password')}
        <input
          type="password"
          autoComplete="new-password"
          required={!user}
          minLength={8}
          placeholder={user ? t('staff.passwordHint') : ''}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <label>
        {t('staff.district')}
        <select value={district} onChange={(e) => setDistrict(e.target.value)} data-testid="staff-district">
          <option value="">—</option>
          {districts.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
          {district && !districts.includes(district) && <option value={district}>{district}</option>}
        </select>
      </label>
      <label>
        {t('staff.team')}
        <input
          maxLength={40}
          placeholder={t('staff.teamHint')}
          value={team}
          onChange={(e) => setTeam(e.target.value)}
          data-testid="staff-team-input"
        />
      </label>
      {role === 'crew' && (
        <label>
          {t('staff.crew')}
          <select
            required
            value={crewId}
            onChange={(e) => setCrewId(e.target.value)}
            data-testid="staff-crew"
          >
            <option value="">{t('staff.pickCrew')}</option>
            {(crews.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.code ? `${c.code} ` : ''}
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="span-2">
        <ErrorBox error={m.error} />
      </div>
      <div className="span-2 gd-row">
        <button type="submit" className="gd-primary" disabled={m.isPending} data-testid="staff-save">
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
