import {
  type CallOutcome,
  CHANNELS,
  type Channel,
  type Customer,
  type ScreenPop,
  type Ticket,
} from '@gd/domain';
import { ApiError, CharCount, ErrorBox } from '@gd/web';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomerSearch } from '../../customers/components/CustomerSearch.js';
import { RegisterCustomer } from '../../customers/components/RegisterCustomer.js';
import { CreateTicketForm } from '../../tickets/components/CreateTicketForm.js';
import { useOpenCall } from '../api/open-call.js';
import { useUpdateCall } from '../api/update-call.js';
import { ScreenPopPanel } from './ScreenPop.js';

/**
 * The agent's call screen. The caller number has the focus on load and on F2; Enter answers the call
 * (`POST /api/calls`) and shows the screen pop; the order form below submits with Ctrl+Enter.
 */
export function CallScreen() {
  const { t } = useTranslation();
  const phoneRef = useRef<HTMLInputElement>(null);
  const [phone, setPhone] = useState('');
  const [channel, setChannel] = useState<Channel>('phone');
  const [pop, setPop] = useState<ScreenPop | null>(null);
  // The call on screen, as of now (state lags a render): a late save of an ended call must not clear the next one.
  const popRef = useRef<ScreenPop | null>(null);
  // The agent typed in the number field after pressing 结束通话: the ended call's late save must not wipe it.
  const typedSinceEndRef = useRef(false);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [registering, setRegistering] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const open = useOpenCall();
  const finish = useUpdateCall();
  // The previous call, ended when the agent opens the next one without 结束通话 (its own state: its error shows).
  const park = useUpdateCall({ retry: 2 });
  const [numberRefused, setNumberRefused] = useState(false);
  const [notes, setNotes] = useState('');
  /** What the call led to so far (an order, a follow-up): set, it is not asked again at the end. */
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const refused = numberRefused || refusedNumber(open.error);

  useEffect(() => {
    phoneRef.current?.focus();
    function onKey(e: KeyboardEvent) {
      if (e.key === 'F2') {
        e.preventDefault();
        phoneRef.current?.focus();
        phoneRef.current?.select();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function answer(number: string, customerId?: string) {
    if (!number.trim() || open.isPending) return;
    // Text in the number field (a name, a district) is caught here in the agent's language; the API checks the
    // number itself.
    const notANumber = !looksLikePhoneNumber(number);
    setNumberRefused(notANumber);
    if (notANumber) return;
    // A new call always replaces the one on screen: the previous call is ended with its summary first, and
    // nothing of its customer stays where Ctrl+Enter could file an order against them.
    if (popRef.current) parkCall();
    open.mutate(
      { phone: number.trim(), channel, customerId },
      {
        onSuccess: (p) => {
          setNotes('');
          setOutcome(null);
          popRef.current = p;
          setPop(p);
          setRegistering(false);
          setFormKey((k) => k + 1);
          setCustomer(p.customer ?? null);
        },
      },
    );
  }

  /** Ends the call on screen (summary kept, retried on a network error) and clears it, without waiting. */
  function parkCall() {
    const previous = popRef.current;
    if (!previous) return;
    const summary = notes.trim();
    // Already being ended (结束通话 pressed, the save slow): that save carries the summary.
    const ending = finish.isPending && finish.variables?.id === previous.id;
    if (!ending) park.mutate({ id: previous.id, ended: true, ...(summary ? { notes: summary } : {}) });
    popRef.current = null;
    setPop(null);
    setCustomer(null);
    setNotes('');
    setOutcome(null);
    setRegistering(false);
    setFormKey((k) => k + 1);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    answer(phone);
  }

  function pick(c: Customer) {
    setCustomer(c);
    setRegistering(false);
    if (!pop) {
      setPhone(c.phone);
      answer(c.phone, c.id);
    }
  }

  /**
   * Ends the call with its summary and, when it made no order and no follow-up, how it was settled (answered on the
   * phone, or told about the known outage). The screen clears once the call is saved: a failed save keeps it.
   */
  function endCall(settled?: 'answered' | 'known_outage') {
    if (!pop) return clearCall();
    const ending = pop.id;
    const summary = notes.trim();
    // The number field is the next caller's at once; what is typed there survives this call's save.
    typedSinceEndRef.current = false;
    setPhone('');
    phoneRef.current?.focus();
    finish.mutate(
      {
        id: ending,
        ended: true,
        ...(settled && !outcome ? { outcome: settled } : {}),
        ...(summary ? { notes: summary } : {}),
      },
      // The agent may have answered the next call meanwhile: only the ended call leaves the screen.
      { onSuccess: () => popRef.current?.id === ending && clearCall({ keepTypedNumber: true }) },
    );
  }

  /** An order the call made or urged joins (or refreshes) the pop's open orders. */
  function replaceOrder(ticket: Ticket) {
    const current = popRef.current;
    if (!current || (ticket.customerId ?? null) !== (current.customerId ?? null)) return;
    const next = {
      ...current,
      openTickets: [
        { ...current.openTickets.find((o) => o.id === ticket.id), ...ticket },
        ...current.openTickets.filter((o) => o.id !== ticket.id),
      ],
    };
    popRef.current = next;
    setPop(next);
  }

  function clearCall({ keepTypedNumber = false } = {}) {
    setNotes('');
    setOutcome(null);
    finish.reset();
    popRef.current = null;
    setPop(null);
    setCustomer(null);
    if (!(keepTypedNumber && typedSinceEndRef.current)) setPhone('');
    setRegistering(false);
    setFormKey((k) => k + 1);
    phoneRef.current?.focus();
  }

  return (
    <div className="call-screen">
      <form className="gd-card call-bar" onSubmit={onSubmit}>
        <label>
          {t('call.phone')}
          <input
            ref={phoneRef}
            data-testid="caller-input"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder={t('call.phonePlaceholder')}
            value={phone}
            onChange={(e) => {
              setPhone(e.target.value);
              typedSinceEndRef.current = true;
              setNumberRefused(false);
            }}
          />
        </label>
        <label>
          {t('call.channel')}
          <select
            value={channel}
            onChange={(e) => setChannel(e.target.value as Channel)}
            data-testid="call-channel"
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="gd-primary" disabled={open.isPending} data-testid="call-answer">
          {open.isPending ? t('call.opening') : t('call.open')}
        </button>
        {pop && (
          <button type="button" onClick={() => endCall()} data-testid="call-end">
            {t('call.end')}
          </button>
        )}
      </form>
      {refused ? (
        <div className="gd-error" role="alert" data-testid="caller-invalid">
          {t('call.invalidPhone')}
        </div>
      ) : (
        <ErrorBox error={open.error} />
      )}

      {park.error && (
        <div className="gd-error" role="alert" data-testid="park-error">
          {t('call.parkFailed')}
          <button type="button" onClick={() => park.variables && park.mutate(park.variables)}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {pop && (
        <section className="gd-card call-wrapup" data-testid="call-wrapup">
          <label>
            {t('call.notes')}
            <input
              value={notes}
              maxLength={NOTES_MAX}
              placeholder={t('call.notesPlaceholder')}
              onChange={(e) => setNotes(e.target.value)}
              data-testid="call-notes"
            />
            <CharCount value={notes} max={NOTES_MAX} />
          </label>
          {!outcome && (
            <button
              type="button"
              disabled={finish.isPending}
              onClick={() => endCall('answered')}
              data-testid="call-end-answered"
            >
              {t('call.endAnswered')}
            </button>
          )}
          {!outcome && pop.knownOutages.length > 0 && (
            <button
              type="button"
              disabled={finish.isPending}
              onClick={() => endCall('known_outage')}
              data-testid="call-end-outage"
            >
              {t('call.endKnownOutage')}
            </button>
          )}
          <ErrorBox error={finish.variables?.id === pop.id ? finish.error : null} />
        </section>
      )}
      <div className="call-columns">
        <div className="col">
          {pop && (
            <ScreenPopPanel
              pop={pop}
              customer={customer}
              // The urge request links the call as its follow-up: nothing more to save here.
              onCustomerChanged={(c) => {
                setCustomer(c);
                const current = popRef.current;
                if (current?.customerId === c.id) {
                  popRef.current = { ...current, customer: c };
                  setPop(popRef.current);
                }
              }}
              onUrged={(ticket) => {
                setOutcome('follow_up');
                replaceOrder(ticket);
              }}
            />
          )}
          <section className="gd-card">
            <CustomerSearch onSelect={pick} />
            <div className="gd-row">
              <button type="button" onClick={() => setRegistering((r) => !r)} data-testid="register-toggle">
                {t('customer.register')}
              </button>
            </div>
            {registering && <RegisterCustomer phone={phone} onCreated={pick} />}
          </section>
        </div>
        <div className="col">
          <CreateTicketForm
            key={formKey}
            customer={customer}
            callId={pop?.id}
            // The order is created with the call's id, which links the call to it.
            onCreated={(ticket) => {
              setOutcome('new_ticket');
              replaceOrder(ticket);
            }}
            focusDescription={pop !== null}
          />
        </div>
      </div>
    </div>
  );
}

/** The API's limit on a call's summary (PATCH /api/calls/:id notes). */
const NOTES_MAX = 2000;

/** Digits with the usual separators (+86, spaces, dashes, brackets): worth asking the API about. */
function looksLikePhoneNumber(input: string): boolean {
  return /^[\d\s+\-()]+$/.test(input.trim()) && input.replace(/\D/g, '').length >= 5;
}

/** The API refused the caller's number (the only field of the call bar an agent types). */
function refusedNumber(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status === 400 && error.messages.some((m) => m.startsWith('phone '))
  );
}
