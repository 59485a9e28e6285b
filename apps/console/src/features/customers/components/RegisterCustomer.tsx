import type { Customer, LatLng } from '@gd/domain';
import { CharCount, ErrorBox } from '@gd/web';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyLocationPicker } from '../../map/components/LazyLocationPicker.js';
import { useCreateCustomer } from '../api/create-customer.js';
import { ADDRESS_MAX } from '../lib/contact.js';

/** Registers an unknown caller on the spot, their place picked on the map (the zone it falls in is named). */
export function RegisterCustomer({ phone, onCreated }: { phone: string; onCreated: (c: Customer) => void }) {
  const { t } = useTranslation();
  const create = useCreateCustomer();
  const [name, setName] = useState('');
  const [tel, setTel] = useState(phone);
  const [address, setAddress] = useState('');
  const [accountNo, setAccountNo] = useState('');
  const [place, setPlace] = useState<LatLng | null>(null);
  const [noPlace, setNoPlace] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    setNoPlace(!place);
    if (!place) return;
    create.mutate(
      {
        name: name.trim(),
        phone: tel.trim(),
        address: address.trim(),
        accountNo: accountNo.trim() || undefined,
        location: place,
      },
      { onSuccess: onCreated },
    );
  }

  return (
    <form className="form-grid register" onSubmit={submit} data-testid="register-customer">
      <label>
        {t('customer.name')}
        <input
          required
          maxLength={64}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="register-name"
        />
      </label>
      <label>
        {t('customer.phone')}
        <input required value={tel} onChange={(e) => setTel(e.target.value)} />
      </label>
      <label className="span-2">
        {t('customer.address')}
        <input
          required
          maxLength={ADDRESS_MAX}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          data-testid="register-address"
        />
        <CharCount value={address} max={ADDRESS_MAX} />
      </label>
      <label>
        {t('customer.accountNo')}
        <input value={accountNo} onChange={(e) => setAccountNo(e.target.value)} />
      </label>
      <div className="span-2">
        <LazyLocationPicker
          focus={null}
          value={place}
          onPick={(p) => {
            setPlace(p);
            setNoPlace(false);
          }}
          testId="register-location-map"
          hint={t('customer.pickPlace')}
        />
        {noPlace && (
          <p className="gd-error" role="alert" data-testid="register-no-place">
            {t('customer.pickPlace')}
          </p>
        )}
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
