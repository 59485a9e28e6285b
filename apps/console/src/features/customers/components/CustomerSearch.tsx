import type { Customer } from '@gd/domain';
import { ErrorBox, formatPhone, Spinner } from '@gd/web';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchCustomers } from '../api/search-customers.js';

/** Search by phone, account, name or address; ↑/↓ move through the results and Enter picks one. */
export function CustomerSearch({
  onSelect,
  initial = '',
}: {
  onSelect: (c: Customer) => void;
  initial?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  const [debounced, setDebounced] = useState(initial);
  const [active, setActive] = useState(0);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(q), 250);
    return () => clearTimeout(id);
  }, [q]);
  const search = useSearchCustomers(debounced);
  const items = search.data?.items ?? [];

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      const c = items[active];
      if (c) onSelect(c);
    }
  }

  return (
    <div className="customer-search">
      <label>
        {t('customer.search')}
        <input
          type="search"
          data-testid="customer-search"
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls="customer-results"
          placeholder={t('customer.searchPlaceholder')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      {search.isFetching && <Spinner />}
      <ErrorBox error={search.error} />
      {debounced.trim().length === 1 && <p className="gd-hint">{t('customer.tooShort')}</p>}
      {debounced.trim().length >= 2 && search.isSuccess && items.length === 0 && (
        <p className="gd-hint">{t('customer.noResults')}</p>
      )}
      {items.length > 0 && (
        <div id="customer-results" className="results" role="listbox">
          {items.map((c, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the search input drives the keyboard
            <div
              key={c.id}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              data-testid="customer-result"
              onMouseEnter={() => setActive(i)}
              onClick={() => onSelect(c)}
            >
              <strong>{c.name}</strong> <span>{formatPhone(c.phone)}</span>{' '}
              <span className="muted">{c.accountNo}</span>
              <div className="muted">{c.address}</div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
