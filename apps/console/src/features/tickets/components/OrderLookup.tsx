import { normalizeTicketNumber } from '@gd/domain';
import { ApiError } from '@gd/web';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { getTicket } from '../api/get-ticket.js';

/**
 * Opens an order by the number a customer reads out (GD20261203000001, any case, spaces allowed), from any page;
 * F3 puts the cursor here.
 */
export function OrderLookup() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== 'F3') return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function open(e: FormEvent) {
    e.preventDefault();
    if (busy || !value.trim()) return;
    const number = normalizeTicketNumber(value);
    if (!number) {
      setProblem(t('ticket.lookupInvalid'));
      return;
    }
    setBusy(true);
    try {
      const found = await getTicket(number);
      qc.setQueryData(['tickets', 'one', found.id], found);
      setValue('');
      setProblem(null);
      void navigate(`/tickets/${found.id}`);
    } catch (err) {
      setProblem(lookupProblem(err, number, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="order-lookup" onSubmit={(e) => void open(e)}>
      <input
        ref={input}
        data-testid="order-lookup"
        aria-label={t('ticket.lookup')}
        placeholder={t('ticket.lookupPlaceholder')}
        autoComplete="off"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setProblem(null);
        }}
      />
      {problem && (
        <span className="order-lookup-problem" role="alert" data-testid="order-lookup-problem">
          {problem}
        </span>
      )}
    </form>
  );
}

/** Why the lookup found nothing, in a line beside the field. */
function lookupProblem(err: unknown, number: string, t: TFunction): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  if (err.status === 404) return t('ticket.lookupNotFound', { number });
  if (err.status === 0) return t('common.networkError');
  return err.message;
}
