import type { Ticket } from '@gd/domain';
import { areaAround } from '@gd/domain';
import { ErrorBox, formatDateTime, fromDateTimeLocal, toDateTimeLocal, useClientConfig } from '@gd/web';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveOutages } from '../api/get-outages.js';
import { usePublishOutage, useRestoreOutage } from '../api/publish-outage.js';
import { DateTimeField, DescriptionField, RadiusSelect } from './fields.js';

const TWO_HOURS = 2 * 3600_000;

/**
 * On a repair order: publish the fault outage it causes (the area around it, the estimated restoration), so calls
 * from inside see the banner and their orders become this one's children; once published, restore it from here.
 */
export function FaultOutagePanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const outages = useActiveOutages();
  const publish = usePublishOutage();
  const restore = useRestoreOutage();
  const [radiusKm, setRadiusKm] = useState<number>(0.5);
  const [restoreBy, setRestoreBy] = useState(() =>
    toDateTimeLocal(new Date(Date.now() + TWO_HOURS).toISOString(), timeZone),
  );
  const [description, setDescription] = useState(() =>
    t('outages.faultDescription', { place: ticket.address ?? ticket.district ?? '' }),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const mine = outages.data?.find((o) => o.ticketId === ticket.id);
  // A child of an outage (or of a master order) is covered by its master's outage: nothing to publish from here.
  if (!mine && (ticket.outageId || ticket.parentId)) return null;

  if (mine) {
    return (
      <section className="gd-card stack" data-testid="fault-outage">
        <h2>{t('outages.faultOutage')}</h2>
        <p>
          {mine.description}
          <br />
          <span className="muted">
            {t('call.outageRestore', { at: formatDateTime(mine.estimatedRestoreAt, timeZone) })}
          </span>
        </p>
        <ErrorBox error={restore.error} />
        <button
          type="button"
          className="gd-primary"
          disabled={restore.isPending}
          onClick={() => restore.mutate(mine.id)}
          data-testid="fault-outage-restore"
        >
          {t('outages.restoreWithChildren')}
        </button>
      </section>
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const at = fromDateTimeLocal(restoreBy, timeZone);
    if (!ticket.location) return;
    if (!at || Date.parse(at) <= Date.now()) return setProblem(t('outages.needRestoreTime'));
    setProblem(null);
    publish.mutate({
      kind: 'fault',
      area: areaAround(ticket.location, radiusKm),
      startsAt: new Date().toISOString(),
      estimatedRestoreAt: at,
      description: description.trim(),
      ticketId: ticket.id,
    });
  }

  return (
    <form className="gd-card stack" onSubmit={submit} data-testid="fault-outage-form">
      <h2>{t('outages.publishFault')}</h2>
      <p className="muted">{t('outages.faultHint')}</p>
      <RadiusSelect value={radiusKm} onChange={setRadiusKm} testId="fault-outage-radius" />
      <DateTimeField
        label={t('outages.restoreBy')}
        value={restoreBy}
        onChange={setRestoreBy}
        testId="fault-outage-restore-by"
      />
      <DescriptionField value={description} onChange={setDescription} problem={problem} />
      <ErrorBox error={publish.error ?? outages.error} />
      <button type="submit" disabled={publish.isPending} data-testid="fault-outage-submit">
        {t('outages.publish')}
      </button>
    </form>
  );
}
