import type { LatLng } from '@gd/domain';
import { type FormEvent, useState } from 'react';
import { type ClientConfig, sendReport } from './api';
import { CustomerMap } from './CustomerMap';
import { errorText } from './errors';
import type { DICTS } from './i18n';
import { PhoneCodeFields, usePhoneCode } from './PhoneCodeFields';

type T = (typeof DICTS)['zh'];

/** /report: place, kind, description, a phone proved by a one-time code; the answer is the order's number. */
export function ReportPage({ t, config }: { t: T; config: ClientConfig | null }) {
  const [place, setPlace] = useState<LatLng | null>(null);
  const [locating, setLocating] = useState(false);
  const [kind, setKind] = useState<'fault' | 'hazard' | 'other'>('fault');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const phoneCode = usePhoneCode();
  const { phone, code } = phoneCode;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const locate = () => {
    if (!navigator.geolocation) return setError(t.noLocation);
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setPlace({ lat: p.coords.latitude, lng: p.coords.longitude });
      },
      () => {
        setLocating(false);
        setError(t.noLocation);
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!place) return setError(t.needPlace);
    setBusy(true);
    setError(null);
    try {
      const r = await sendReport({
        phone,
        code,
        kind,
        lat: place.lat,
        lng: place.lng,
        description,
        ...(address.trim() ? { address: address.trim() } : {}),
      });
      setDone(r.number);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section className="cu-card" aria-live="polite">
        <h2>{t.accepted}</h2>
        <p>
          {t.yourNumber}: <strong data-testid="order-number">{done}</strong>
        </p>
        <a className="cu-button" href={`/track/${done}?phone=${phone.replace(/\D/g, '').slice(-4)}`}>
          {t.followIt}
        </a>
      </section>
    );
  }

  return (
    <form className="cu-card" onSubmit={submit}>
      <fieldset>
        <legend>{t.where}</legend>
        <p className="cu-hint">{t.whereHint}</p>
        <CustomerMap config={config} picked={place} onPick={setPlace} label={t.where} />
        <button type="button" className="cu-secondary" onClick={locate} disabled={locating}>
          {locating ? t.locating : t.useLocation}
        </button>
        {place && (
          <p className="cu-hint" data-testid="picked">
            {t.picked}: {place.lat.toFixed(5)}, {place.lng.toFixed(5)}
          </p>
        )}
      </fieldset>
      <label>
        {t.kind}
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {(['fault', 'hazard', 'other'] as const).map((k) => (
            <option key={k} value={k}>
              {t.kinds[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.description}
        <textarea
          required
          minLength={2}
          maxLength={500}
          rows={3}
          placeholder={t.descriptionHint}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <label>
        {t.address}
        <input maxLength={200} value={address} onChange={(e) => setAddress(e.target.value)} />
      </label>
      <PhoneCodeFields t={t} value={phoneCode} onError={setError} />
      {error && (
        <p className="cu-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="cu-button" disabled={busy}>
        {busy ? t.submitting : t.submit}
      </button>
    </form>
  );
}
