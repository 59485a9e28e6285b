import type { TicketPhoto } from '@gd/domain';
import { ErrorBox, formatDateTime, useClientConfig, useSocketEvent } from '@gd/web';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPhotoBlob, usePhotos } from '../api/get-photos.js';

/** The crew's photos of an order (its completion report), as thumbnails that open full size; nothing when none. */
export function TicketPhotos({ ticketId, print = false }: { ticketId: string; print?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = usePhotos(ticketId);
  // A photo sent from the phone later (offline outbox) shows without a reload.
  useSocketEvent('ticket.updated', (e) => {
    if (e.id === ticketId) void qc.invalidateQueries({ queryKey: ['tickets', 'photos', ticketId] });
  });
  if (q.error) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data?.length) return null;
  return (
    <section className={print ? 'photos photos--print' : 'photos'} data-testid="ticket-photos">
      {print ? <h2>{t('ticket.photos')}</h2> : <h3>{t('ticket.photos')}</h3>}
      <div className="photos__list">
        {q.data.map((p, i) => (
          <Photo key={p.id} photo={p} alt={t('ticket.photoN', { n: i + 1 })} print={print} />
        ))}
      </div>
    </section>
  );
}

function Photo({ photo, alt, print }: { photo: TicketPhoto; alt: string; print: boolean }) {
  const { timeZone } = useClientConfig();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const ctl = new AbortController();
    let made: string | null = null;
    getPhotoBlob(photo.ticketId, photo.id, ctl.signal)
      .then((b) => {
        made = URL.createObjectURL(b);
        setUrl(made);
      })
      .catch(() => {
        if (!ctl.signal.aborted) setFailed(true);
      });
    return () => {
      ctl.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [photo.ticketId, photo.id]);
  const caption = formatDateTime(photo.createdAt, timeZone);
  return (
    <figure className="photo">
      {url ? (
        print ? (
          <img src={url} alt={alt} data-testid="ticket-photo" />
        ) : (
          <a href={url} target="_blank" rel="noreferrer">
            <img src={url} alt={alt} data-testid="ticket-photo" />
          </a>
        )
      ) : (
        <div className="photo__placeholder">{failed ? '×' : '…'}</div>
      )}
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}
