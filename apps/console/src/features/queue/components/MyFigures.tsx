import { ErrorBox } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { useMyFigures } from '../api/get-my-figures.js';

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

/** An agent's own figures as first responder (首问), the last 30 days: what their supervisor sees of them. */
export function MyFigures() {
  const { t } = useTranslation();
  const q = useMyFigures();
  return (
    <section className="gd-card" data-testid="my-figures">
      <h2>{t('queue.myFigures')}</h2>
      <ErrorBox error={q.error} />
      {q.data && (
        <dl className="facts">
          <dt>{t('queue.firstResponded')}</dt>
          <dd>{q.data.firstResponded}</dd>
          <dt>{t('queue.closedOnTime')}</dt>
          <dd>
            {q.data.closedOnTime} / {q.data.closed}
          </dd>
          <dt>{t('queue.repeatCallRate')}</dt>
          <dd>{percent(q.data.repeatCallRate)}</dd>
          <dt>{t('queue.satisfaction')}</dt>
          <dd>{percent(q.data.satisfactionRate)}</dd>
        </dl>
      )}
    </section>
  );
}
