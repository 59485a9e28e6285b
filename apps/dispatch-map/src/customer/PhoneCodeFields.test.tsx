import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../test/render';
import { DICTS } from './i18n';
import { PhoneCodeFields, usePhoneCode } from './PhoneCodeFields';

const t = DICTS.zh;

function Form() {
  const phoneCode = usePhoneCode();
  const [error, setError] = useState<string | null>(null);
  return (
    <form>
      <PhoneCodeFields t={t} value={phoneCode} onError={setError} />
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

afterEach(() => vi.unstubAllGlobals());

it('sends a code for a full phone number, then counts down before another', async () => {
  const api = fakeFetch([{ method: 'POST', path: '/api/public/codes', respond: () => json({ sent: true }) }]);
  vi.stubGlobal('fetch', api.fn);
  render(<Form />);
  const ask = screen.getByRole('button', { name: t.getCode });
  expect(ask).toHaveProperty('disabled', true);
  fireEvent.change(screen.getByLabelText(t.phone), { target: { value: '13800000000' } });
  expect(ask).toHaveProperty('disabled', false);
  fireEvent.click(ask);
  expect(await screen.findByText(t.codeSent)).toBeTruthy();
  expect(api.calls).toEqual([{ method: 'POST', url: '/api/public/codes', body: { phone: '13800000000' } }]);
  expect(ask.textContent).toBe(`60${t.resend}`);
  expect(ask).toHaveProperty('disabled', true);
});

it('hands a refused request to the parent as an error, with no note', async () => {
  const api = fakeFetch([
    { method: 'POST', path: '/api/public/codes', respond: () => json({ message: 'slow down' }, 429) },
  ]);
  vi.stubGlobal('fetch', api.fn);
  render(<Form />);
  fireEvent.change(screen.getByLabelText(t.phone), { target: { value: '13800000000' } });
  fireEvent.click(screen.getByRole('button', { name: t.getCode }));
  expect((await screen.findByRole('alert')).textContent).toBe(t.tooMany);
  expect(screen.queryByText(t.codeSent)).toBeNull();
  expect(screen.getByRole('button', { name: t.getCode })).toHaveProperty('disabled', false);
});
