import type { Customer, LatLng } from '@gd/domain';
import { CharCount, ErrorBox, formatPhone } from '@gd/web';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyLocationPicker } from '../../map/components/LazyLocationPicker.js';
import { type UpdateCustomerInput, useUpdateCustomer } from '../api/update-customer.js';
import { ADDRESS_MAX, contactChanges } from '../lib/contact.js';

/** Corrects the caller's phone or address (and, with a new address, the place on the map); only changes are sent. */
export function EditCustomer({
  customer,
  onSaved,
  onCancel,
}: {
  customer: Customer;
  onSaved: (c: Customer) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const save = useUpdateCustomer();
  const [phone, setPhone] = useState(formatPhone(customer.phone));
  const [address, setAddress] = useState(customer.address);
  const [place, setPlace] = useState<LatLng | null>(null);
  const [unchanged, setUnchanged] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    const input: UpdateCustomerInput = contactChanges(customer, { phone, address, place });
    setUnchanged(Object.keys(input).length === 0);
    if (Object.keys(input).length === 0) return;
    save.mutate({ id: customer.id, ...input }, { onSuccess: onSaved });
  }

  return (
    <form className="form-grid" onSubmit={submit} data-testid="edit-customer">
      <label>
        {t('customer.phone')}
        <input
          required
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          data-testid="edit-customer-phone"
        />
      </label>
      <label className="span-2">
        {t('customer.address')}
        <input
          required
          maxLength={ADDRESS_MAX}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          data-testid="edit-customer-address"
        />
        <CharCount value={address} max={ADDRESS_MAX} />
      </label>
      <div className="span-2">
        <LazyLocationPicker
          focus={customer.location}
          value={place}
          onPick={setPlace}
          testId="edit-customer-map"
          hint={t('customer.movePlace')}
        />
      </div>
      {unchanged && (
        <p className="muted span-2" role="status">
          {t('customer.nothingChanged')}
        </p>
      )}
      <div className="span-2">
        <ErrorBox error={save.error} />
      </div>
      <div className="span-2 gd-row">
        <button
          type="submit"
          className="gd-primary"
          disabled={save.isPending}
          data-testid="edit-customer-save"
        >
          {t('common.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
