import { type FormEvent, useState } from 'react';
import { bindWechat, wechatAuthorizeUrl } from './api';
import { errorText } from './errors';
import type { DICTS } from './i18n';
import { PhoneCodeFields, usePhoneCode } from './PhoneCodeFields';

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
  const phoneCode = usePhoneCode();
  const { phone, code } = phoneCode;
  const [error, setError] = useState<string | null>(null);
  const [bound, setBound] = useState(false);

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
      <PhoneCodeFields t={t} value={phoneCode} onError={setError} />
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
