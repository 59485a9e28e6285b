import {
  type Customer,
  isValidLatLng,
  type LatLng,
  needsLocation,
  PRIORITIES,
  type Priority,
  TICKET_TYPES,
  type Ticket,
  type TicketType,
} from '@gd/domain';
import { CharCount, ErrorBox, SlaBadge, useNow } from '@gd/web';
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { uuid } from '../../../lib/uuid.js';
import { LazyLocationPicker } from '../../map/components/LazyLocationPicker.js';
import { type CreateTicketInput, useCreateTicket } from '../api/create-ticket.js';

/**
 * The order form of the call screen. Its `Idempotency-Key` is made when the form opens and kept on every retry,
 * so a submit whose answer was lost never creates a second order; a failed submit keeps what was typed.
 * Ctrl+Enter submits from anywhere in the form.
 */
export function CreateTicketForm({
  customer,
  callId,
  onCreated,
  focusDescription = false,
}: {
  customer: Customer | null;
  callId?: string;
  onCreated?: (t: Ticket) => void;
  /** Set when the screen pop has loaded: the agent types what the caller says next. */
  focusDescription?: boolean;
}) {
  const { t } = useTranslation();
  const [key, setKey] = useState(uuid);
  const [type, setType] = useState<TicketType>('fault_repair');
  const [priority, setPriority] = useState<Priority>('normal');
  const [description, setDescription] = useState('');
  const [useCustomer, setUseCustomer] = useState(true);
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const [address, setAddress] = useState('');
  const [created, setCreated] = useState<Ticket | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const create = useCreateTicket();

  const fromCustomer = useCustomer && customer !== null;
  const typedPlace = placeOf(lat, lng);

  /** The order to send, or the i18n key of what stops it. */
  function buildInput(): CreateTicketInput | string {
    const input: CreateTicketInput = { type, priority, description: description.trim(), callId };
    if (customer) input.customerId = customer.id;
    if (!fromCustomer) {
      if (typedPlace) input.location = typedPlace;
      // Half-typed or impossible coordinates are not quietly replaced by the customer's address.
      else if (lat.trim() || lng.trim()) return 'ticket.badCoordinates';
      else if (!customer && needsLocation(type)) return 'ticket.needsLocation';
      if (address.trim()) input.address = address.trim();
    }
    return input;
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (create.isPending) return;
    const input = buildInput();
    if (typeof input === 'string') {
      setLocalError(t(input));
      return;
    }
    if (!input.description) return;
    setLocalError(null);
    create.mutate(
      { input, idempotencyKey: key },
      {
        onSuccess: (ticket) => {
          setCreated(ticket);
          onCreated?.(ticket);
        },
      },
    );
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  }

  function reset() {
    setKey(uuid());
    setDescription('');
    setCreated(null);
    create.reset();
  }

  if (created) return <CreatedTicket ticket={created} onAnother={reset} />;

  return (
    <form
      className="gd-card form-grid"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      data-testid="create-ticket-form"
    >
      <h2>{t('ticket.create')}</h2>
      <label>
        {t('ticket.type')}
        <select
          data-testid="ticket-type"
          value={type}
          onChange={(e) => setType(e.target.value as TicketType)}
        >
          {TICKET_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`ticketType.${ty}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ticket.priority')}
        <select
          data-testid="ticket-priority"
          value={priority}
          onChange={(e) => setPriority(e.target.value as Priority)}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="span-2">
        {t('ticket.description')}
        <textarea
          data-testid="ticket-description"
          required
          rows={3}
          placeholder={t('ticket.descriptionPlaceholder')}
          value={description}
          maxLength={DESCRIPTION_MAX}
          // biome-ignore lint/a11y/noAutofocus: the agent's next keystrokes are the caller's words (issue 20)
          autoFocus={focusDescription}
          onChange={(e) => setDescription(e.target.value)}
        />
        <CharCount value={description} max={DESCRIPTION_MAX} />
      </label>
      <fieldset className="span-2">
        <legend>{t('ticket.location')}</legend>
        <div className="gd-row">
          <label className="inline">
            <input
              type="radio"
              name="loc"
              checked={fromCustomer}
              disabled={!customer}
              onChange={() => setUseCustomer(true)}
            />
            {t('ticket.useCustomerLocation')}
            {customer ? `（${customer.address}）` : ''}
          </label>
          <label className="inline">
            <input type="radio" name="loc" checked={!fromCustomer} onChange={() => setUseCustomer(false)} />
            {t('ticket.customLocation')}
          </label>
        </div>
        {!fromCustomer && (
          <div className="gd-row">
            <input
              aria-label={t('customer.lat')}
              data-testid="ticket-lat"
              placeholder={t('customer.lat')}
              inputMode="decimal"
              value={lat}
              onChange={(e) => setLat(e.target.value)}
            />
            <input
              aria-label={t('customer.lng')}
              data-testid="ticket-lng"
              placeholder={t('customer.lng')}
              inputMode="decimal"
              value={lng}
              onChange={(e) => setLng(e.target.value)}
            />
            <input
              aria-label={t('ticket.address')}
              placeholder={t('ticket.address')}
              maxLength={ADDRESS_MAX}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
            />
          </div>
        )}
        {!fromCustomer && (
          <LazyLocationPicker
            focus={customer?.location ?? null}
            value={typedPlace}
            onPick={(p) => {
              setLat(p.lat.toFixed(6));
              setLng(p.lng.toFixed(6));
            }}
          />
        )}
      </fieldset>
      {localError && (
        <div className="gd-error span-2" role="alert">
          {localError}
        </div>
      )}
      <div className="span-2">
        <ErrorBox error={create.error} />
      </div>
      <div className="span-2 gd-row">
        <button
          type="submit"
          className="gd-primary"
          data-testid="create-ticket-submit"
          disabled={create.isPending}
        >
          {create.isPending ? t('ticket.submitting') : t('ticket.submit')}
        </button>
      </div>
    </form>
  );
}

/** The API's limits (POST /api/tickets): typed past them, the order would be refused. */
const DESCRIPTION_MAX = 2000;
const ADDRESS_MAX = 200;

/** The coordinates typed (or picked on the map), when both are numbers of valid degrees. */
function placeOf(lat: string, lng: string): LatLng | null {
  const place = { lat: Number.parseFloat(lat), lng: Number.parseFloat(lng) };
  return isValidLatLng(place) ? place : null;
}

function CreatedTicket({ ticket, onAnother }: { ticket: Ticket; onAnother: () => void }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <div className="gd-card created" data-testid="ticket-created">
      <h2>{t('ticket.created', { number: ticket.number })}</h2>
      <p className="gd-row">
        <Link to={`/tickets/${ticket.id}`} data-testid="created-ticket-number">
          {ticket.number}
        </Link>
        <span>{t(`ticketType.${ticket.type}`)}</span>
        <span>{t(`ticketStatus.${ticket.status}`)}</span>
      </p>
      <p className="gd-row">
        {Object.entries(ticket.sla).map(([kind, clock]) =>
          clock ? <SlaBadge key={kind} kind={kind as never} clock={clock} now={now} /> : null,
        )}
      </p>
      <button type="button" onClick={onAnother}>
        {t('ticket.create')}
      </button>
    </div>
  );
}
