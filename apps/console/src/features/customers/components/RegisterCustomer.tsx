import type { Customer } from '@gd/domain';
import { ErrorBox } from '@gd/web';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateCustomer } from '../api/create-customer.js';

/** Registers an unknown caller on the spot. */
export function RegisterCustomer({ phone, onCreated }: { phone: string; onCreated: (c: Customer) => void }) {
  const { t } = useTranslation();
  const create = useCreateCustomer();
  const [name, setName] = useState('');
  const [tel, setTel] = useState(phone);
  const [address, setAddress] = useState('');
  const [accountNo, setAccountNo] = useState('');
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    const la = Number.parseFloat(lat);
    const ln = Number.parseFloat(lng);
    if (!Number.isFinite(la) || !Number.isFinite(ln)) return;
    create.mutate(
      {
        name: name.trim(),
        phone: tel.trim(),
        address: address.trim(),
        accountNo: accountNo.trim() || undefined,
        location: { lat: la, lng: ln },
      },
      { onSuccess: onCreated },
    );
  }

  return (
    <form className="form-grid register" onSubmit={submit} data-testid="register-customer">
      <label>
        {t('customer.name')}
        <input required value={name} onChange={(e) => setName(e.target.value)} data-testid="register-name" />
      </label>
      <label>
        {t('customer.phone')}
        <input required value={tel} onChange={(e) => setTel(e.target.value)} />
      </label>
      <label className="span-2">
        {t('customer.address')}
        <input
          required
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          data-testid="register-address"
        />
      </label>
      <label>
        {t('customer.accountNo')}
        <input value={accountNo} onChange={(e) => setAccountNo(e.target.value)} />
      </label>
      <div className="gd-row">
        <label>
          {t('customer.lat')}
          <input
            required
            inputMode="decimal"
            size={10}
            value={lat}
            data-testid="register-lat"
            onChange={(e) => setLat(e.target.value)}
          />
        </label>
        <label>
          {t('customer.lng')}
          <input
            required
            inputMode="decimal"
            size={10}
            value={lng}
            data-testid="register-lng"
            onChange={(e) => setLng(e.target.value)}
          />
        </label>
      </div>
      <div className="span-2">
        <ErrorBox error={create.error} />
      </div>
      <div className="span-2">
        <button type="submit" disabled={create.isPending} data-testid="register-submit">
          {t('customer.create')}
        </button>
      </div>
    </form>
  );
}
