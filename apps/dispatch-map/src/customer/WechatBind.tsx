import { type FormEvent, useEffect, useState } from 'react';
import { bindWechat, sendCode, wechatAuthorizeUrl } from './api';
import type { DICTS } from './i18n';
import { errorText } from './ReportPage';

type T = (typeof DICTS)['zh'];

/** WeChat's in-app browser says so in its user agent. */
export const insideWechat = () => /MicroMessenger/i.test(navigator.userAgent);

/**
 * 微信接收通知 on /track: inside WeChat, a button that goes through WeChat's web authorisation; back from it (the
 * address carries `code` and `state=wechat`), the phone and its one-time code bind this follower, and the order's
 * messages come by WeChat from then on.
 */
export function WechatBind({ t, number }: { t: T; number: string }) {
  const params = new URLSearchParams(location.search);
  const oauthCode = params.get('state') === 'wechat' ? params.get('code') : null;
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [bound, setBound] = useState(false);
  const [wait, setWait] = useState(0);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  if (!oauthCode) {
    if (!insideWechat() || !number) return null;
    const authorise = async () => {
      try {
        location.href = (await wechatAuthorizeUrl(number)).url;
      } catch (err) {
        setError(errorText(t, err));
      }
    };
    return (
      <section className="cu-card">
        <button type="button" className="cu-secondary" onClick={authorise}>
          {t.wechatBind}
        </button>
        {error && <p className="cu-error">{error}</p>}
      </section>
    );
  }
  if (bound)
    return (
      <p className="cu-card" role="status" data-testid="wechat-bound">
        {t.wechatBound}
      </p>
    );
  const askCode = async () => {
    setError(null);
    try {
      await sendCode(phone);
      setNote(t.codeSent);
      setWait(60);
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await bindWechat({ phone, code, oauthCode });
      setBound(true);
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <form className="cu-card" onSubmit={submit} aria-label={t.wechatBind}>
      <h2>{t.wechatBind}</h2>
      <p className="cu-hint">{t.wechatHint}</p>
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
      {note && <p className="cu-hint">{note}</p>}
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
      {error && (
        <p className="cu-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="cu-button">
        {t.wechatConfirm}
      </button>
    </form>
  );
}
