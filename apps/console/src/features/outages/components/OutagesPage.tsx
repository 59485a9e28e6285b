import {
  areaAround,
  type Customer,
  DRAWN_AREA,
  drawnAreaProblem,
  type LatLng,
  type Outage,
  type PolygonGeometry,
  polygonThrough,
} from '@gd/domain';
import { EmptyState, ErrorBox, formatDateTime, fromDateTimeLocal, Spinner, useClientConfig } from '@gd/web';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomerSearch } from '../../customers/components/CustomerSearch.js';
import { AreaDrawer } from '../../map/components/AreaDrawer.js';
import { PlaceMap } from '../../map/components/PlaceMap.js';
import { useTickets } from '../../tickets/api/get-tickets.js';
import { OrderNumberLink } from '../../tickets/components/OrderNumberLink.js';
import { useCustomersIn } from '../api/count-customers.js';
import { useActiveOutages } from '../api/get-outages.js';
import { usePublishOutage, useRestoreOutage } from '../api/publish-outage.js';
import { areaKm2, formatKm2 } from '../lib/area.js';
import { DateTimeField, DescriptionField, RadiusSelect } from './fields.js';

/**
 * Dispatchers and supervisors: the outages in force (restore one when power is back) and a planned outage published
 * as a circle around a customer's address or as an area drawn on the map, with its window.
 */
export function OutagesPage() {
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="outages-page">
      <h1>{t('outages.title')}</h1>
      <ActiveOutages />
      <PlannedOutageForm />
    </div>
  );
}

function ActiveOutages() {
  const { t } = useTranslation();
  const q = useActiveOutages();
  return (
    <section className="gd-card">
      <h2>{t('outages.active')}</h2>
      {q.isLoading && <Spinner />}
      <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
      {q.data && q.data.length === 0 && <EmptyState>{t('outages.none')}</EmptyState>}
      {q.data && q.data.length > 0 && (
        <PlaceMap
          focus={null}
          areas={q.data.map((o) => o.area)}
          onPick={() => undefined}
          hint={t('outages.mapOfActive')}
          testId="outages-map"
          height={240}
        />
      )}
      {q.data && q.data.length > 0 && (
        <table className="gd-table" data-testid="outages-table">
          <thead>
            <tr>
              <th>{t('outages.kind')}</th>
              <th>{t('outages.description')}</th>
              <th>{t('outages.areaColumn')}</th>
              <th>{t('outages.startsAt')}</th>
              <th>{t('outages.restoreBy')}</th>
              <th>{t('outages.master')}</th>
              <th>{t('outages.children')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {q.data.map((o) => (
              <OutageRow key={o.id} outage={o} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OutageRow({ outage }: { outage: Outage }) {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const restore = useRestoreOutage();
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid="outage-row" data-outage-id={outage.id}>
      <td>{t(`call.outageKind.${outage.kind}`)}</td>
      <td>{outage.description}</td>
      <td data-testid="outage-area">
        <AreaSummary area={outage.area} />
      </td>
      <td>{formatDateTime(outage.startsAt, timeZone)}</td>
      <td>{formatDateTime(outage.endsAt ?? outage.estimatedRestoreAt, timeZone)}</td>
      <td>{outage.ticketId ? <OrderNumberLink id={outage.ticketId} /> : '–'}</td>
      <td data-testid="outage-children">
        {outage.ticketId ? <ChildCount masterId={outage.ticketId} /> : '–'}
      </td>
      <td>
        {confirming ? (
          <span className="gd-row">
            <button
              type="button"
              className="gd-primary"
              disabled={restore.isPending}
              data-testid="outage-restore-confirm"
              onClick={() => restore.mutate(outage.id)}
            >
              {t('outages.confirmRestore')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </span>
        ) : (
          <button type="button" data-testid="outage-restore" onClick={() => setConfirming(true)}>
            {t('outages.restore')}
          </button>
        )}
        <ErrorBox error={restore.error} />
      </td>
    </tr>
  );
}

/** An area as a dispatcher reads it: its size and the customers inside. */
function AreaSummary({ area }: { area: PolygonGeometry }) {
  const { t } = useTranslation();
  const count = useCustomersIn(area);
  return (
    <>
      {t('outages.areaSize', { km2: formatKm2(areaKm2(area)) })}
      {count.data && ` · ${t('outages.customersInside', { n: count.data.customers })}`}
    </>
  );
}

/** How many orders hang on the master: the calls from inside the outage and the orders merged into it. */
function ChildCount({ masterId }: { masterId: string }) {
  const children = useTickets({ parentId: masterId, pageSize: 1 });
  return <>{children.data?.total ?? '…'}</>;
}

function PlannedOutageForm() {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const publish = usePublishOutage();
  const [place, setPlace] = useState<{ at: LatLng; label: string } | null>(null);
  /** A circle around the place, or an area drawn corner by corner on the map. */
  const [shape, setShape] = useState<'circle' | 'drawn'>('circle');
  const [radiusKm, setRadiusKm] = useState<number>(1);
  const [corners, setCorners] = useState<LatLng[]>([]);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  /** What the last publish put in force, said in full (the form is cleared for the next one). */
  const [published, setPublished] = useState<{ outage: Outage; customers: number | null } | null>(null);
  // The area as it stands, previewed with the customers inside before anything is published.
  const area = useMemo<PolygonGeometry | null>(() => {
    if (shape === 'circle') return place ? areaAround(place.at, radiusKm) : null;
    return drawnAreaProblem(corners) ? null : polygonThrough(corners);
  }, [shape, place, radiusKm, corners]);
  const inside = useCustomersIn(area);
  /** Remounts the customer search, so its text and results go with the rest of the form. */
  const [searchKey, setSearchKey] = useState(0);

  function clear() {
    setSearchKey((k) => k + 1);
    setPlace(null);
    setCorners([]);
    setStartsAt('');
    setEndsAt('');
    setDescription('');
    setProblem(null);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const from = fromDateTimeLocal(startsAt, timeZone);
    const to = fromDateTimeLocal(endsAt, timeZone);
    if (shape === 'circle' && !place) return setProblem(t('outages.needPlace'));
    const drawnProblem = shape === 'drawn' ? drawnAreaProblem(corners) : null;
    if (drawnProblem) return setProblem(t(`map.${drawnProblem}`, { max: DRAWN_AREA.maxVertices }));
    if (!from || !to || to <= from) return setProblem(t('outages.needWindow'));
    setProblem(null);
    publish.mutate(
      {
        kind: 'planned',
        area: shape === 'circle' && place ? areaAround(place.at, radiusKm) : polygonThrough(corners),
        startsAt: from,
        endsAt: to,
        estimatedRestoreAt: to,
        description: description.trim(),
      },
      {
        onSuccess: (outage) => {
          setPublished({ outage, customers: inside.data?.customers ?? null });
          clear();
        },
      },
    );
  }

  const pickCustomer = (c: Customer) => setPlace({ at: c.location, label: `${c.name} ${c.address}` });
  return (
    <form className="gd-card stack" onSubmit={submit} data-testid="planned-outage-form">
      <h2>{t('outages.publishPlanned')}</h2>
      {published && (
        <p className="gd-hint" role="status" data-testid="outage-published">
          {t('outages.publishedSummary', {
            description: published.outage.description,
            from: formatDateTime(published.outage.startsAt, timeZone),
            to: formatDateTime(published.outage.endsAt ?? published.outage.estimatedRestoreAt, timeZone),
          })}
          {published.customers !== null && ` ${t('outages.customersInside', { n: published.customers })}`}
        </p>
      )}
      <div className="gd-row" role="radiogroup" aria-label={t('outages.area')}>
        <label className="inline">
          <input type="radio" name="shape" checked={shape === 'circle'} onChange={() => setShape('circle')} />
          {t('outages.shapeCircle')}
        </label>
        <label className="inline">
          <input
            type="radio"
            name="shape"
            checked={shape === 'drawn'}
            onChange={() => setShape('drawn')}
            data-testid="planned-outage-draw"
          />
          {t('outages.shapeDrawn')}
        </label>
      </div>
      <CustomerSearch key={searchKey} onSelect={pickCustomer} />
      <p className="muted" data-testid="planned-outage-place">
        {place
          ? t(shape === 'circle' ? 'outages.around' : 'outages.mapAround', { place: place.label })
          : t(shape === 'circle' ? 'outages.pickPlace' : 'outages.pickMapPlace')}
      </p>
      {shape === 'drawn' && <AreaDrawer focus={place?.at ?? null} corners={corners} onChange={setCorners} />}
      {shape === 'circle' && (
        <PlaceMap
          focus={place?.at ?? null}
          point={place?.at ?? null}
          areas={area ? [area] : []}
          // A click moves the circle's centre (a substation, a crossroads: not every centre is an address).
          onPick={(at) => setPlace({ at, label: `${at.lat.toFixed(5)}, ${at.lng.toFixed(5)}` })}
          hint={t('outages.circleHint')}
          testId="circle-map"
          height={300}
        />
      )}
      {area && (
        <p className="gd-hint" data-testid="outage-customer-count" aria-live="polite">
          {t('outages.areaSize', { km2: formatKm2(areaKm2(area)) })}
          {' · '}
          {inside.data ? t('outages.customersInside', { n: inside.data.customers }) : t('common.loading')}
        </p>
      )}
      <div className="gd-row">
        {shape === 'circle' && (
          <RadiusSelect value={radiusKm} onChange={setRadiusKm} testId="planned-outage-radius" />
        )}
        <DateTimeField
          label={t('outages.startsAt')}
          value={startsAt}
          onChange={setStartsAt}
          testId="planned-outage-start"
        />
        <DateTimeField
          label={t('outages.endsAt')}
          value={endsAt}
          onChange={setEndsAt}
          testId="planned-outage-end"
        />
      </div>
      <DescriptionField
        value={description}
        onChange={setDescription}
        placeholder={t('outages.descriptionPlaceholder')}
        testId="planned-outage-description"
        problem={problem}
      />
      <ErrorBox error={publish.error} />
      <button
        type="submit"
        className="gd-primary"
        disabled={publish.isPending}
        data-testid="planned-outage-submit"
      >
        {t('outages.publish')}
      </button>
    </form>
  );
}
