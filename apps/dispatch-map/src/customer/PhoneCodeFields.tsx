import { useEffect, useState } from 'react';
import { sendCode } from './api';
import { errorText } from './errors';
import type { DICTS } from './i18n';

type T = (typeof DICTS)['zh'];

/**
 * The phone and its one-time code, as /report and the WeChat binding on /track ask for them: the button sends a
 * code, then waits 60 s before it may send another. The form keeps the values (usePhoneCode) and shows the error.
 */
/** The values PhoneCodeFields edits, kept by the form that sends them. */
export function usePhoneCode() {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  return { phone, setPhone, code, setCode };
}

export function PhoneCodeFields({
  t,
  value: { phone, setPhone, code, setCode },
  onError,
}: {
  t: T;
  value: ReturnType<typeof usePhoneCode>;
  onError: (error: string | null) => void;
}) {
  const [wait, setWait] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const askCode = async () => {
    onError(null);
    try {
      await sendCode(phone);
      setNote(t.codeSent);
      setWait(60);
    } catch (err) {
      onError(errorText(t, err));
    }
  };

  return (
    <>
      <label>
        {t.phone}
        <span className="cu-row">
          <input
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            required
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
          <button
            type="button"
            className="cu-secondary"
            onClick={askCode}
            disabled={wait > 0 || phone.length < 11}
          >
            {wait > 0 ? `${wait}${t.resend}` : t.getCode}
          </button>
        </span>
      </label>
      <label>
        {t.code}
        <input
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </label>
      {note && <p className="cu-note">{note}</p>}
    </>
  );
}
