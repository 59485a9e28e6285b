import { CREW_STATUSES, type Crew, can, type Ticket, ZONE_CLASSES, type ZoneClass } from '@gd/domain';
import {
  districtsOf,
  ErrorBox,
  formatDuration,
  indexZones,
  LanguageSwitch,
  Spinner,
  tileDatumOf,
  toDisplay,
  useAuth,
  useClientConfig,
  useNow,
  useSocketConnected,
  useZones,
  ZONE_CLASS_STYLE,
  zoneAt,
  zoneVertices,
} from '@gd/web';
import type L from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, TileLayer } from 'react-leaflet';
import { Legend } from '../../components/Legend';
import { BacklogList } from '../../features/backlog/components/BacklogList';
import { useTicket } from '../../features/crew-phone/api/get-ticket';
import { useCrewTrail } from '../../features/crews/api/get-crew-trail';
import { CrewList } from '../../features/crews/components/CrewList';
import { CrewPanel } from '../../features/crews/components/CrewPanel';
import { CrewsLayer, crewMarkerCount } from '../../features/crews/components/CrewsLayer';
import { CrewTrailLayer } from '../../features/crews/components/CrewTrailLayer';
import { useLiveCrews } from '../../features/crews/hooks/useLiveCrews';
import { CREW_STATUS_COLOR, countCrewsByStatus, crewMatches } from '../../features/crews/utils/crews';
import { AutoDispatchSwitch } from '../../features/dispatch-settings/components/AutoDispatchSwitch';
import { OrderList } from '../../features/orders/components/OrderList';
import { OrderPanel } from '../../features/orders/components/OrderPanel';
import { OrdersLayer } from '../../features/orders/components/OrdersLayer';
import { useLiveOrders } from '../../features/orders/hooks/useLiveOrders';
import {
  ORDER_SLA_COLOR,
  type OrderRow,
  type OrderSlaState,
  summariseOrders,
} from '../../features/orders/utils/orders';
import { OutagesLayer } from '../../features/outages/components/OutagesLayer';
import { useLiveOutages } from '../../features/outages/hooks/useLiveOutages';
import { ZonesLayer } from '../../features/zones/components/ZonesLayer';
import { useRefreshOnChange } from '../../hooks/useRefreshOnChange';
import { useStoreVersion } from '../../hooks/useStoreVersion';
import { applyView, fixDefaultIcons, sharedCanvas, viewFor } from '../../lib/leaflet';
import { EMPTY_FILTER, FilterBar, type MapFilter } from './FilterBar';

// Leaflet's default marker images, set once when the map's code loads (see lib/leaflet).
fixDefaultIcons();

const DEFAULT_CENTER: [number, number] = [28.2, 113.0];

/**
 * The dispatcher's view, kept for the page's life: if the map is built again (the route suspended and came back,
 * or the dispatcher left for another tab of the app), it opens where they were instead of back on the territory.
 */
let lastView: { center: [number, number]; zoom: number } | null = null;
// Every state a marker can be drawn in, so each colour on the map is in the legend.
const SLA_LEGEND: OrderSlaState[] = ['breached', 'warning', 'running', 'paused', 'met', 'exempt', 'none'];
const LIVE_QUERIES = [['candidates'], ['backlog']];

type Selection = { kind: 'order'; id: string } | { kind: 'crew'; id: string } | null;

declare global {
  interface Window {
    /** The Leaflet map, for end-to-end tests (to turn a position into a click point on the canvas). */
    __gdMap?: L.Map;
  }
}

/** The dispatcher's screen: filters, legend and lists on the left, the live map on the right. */
export function MapRoute() {
  const { t, i18n } = useTranslation();
  const { user, logout } = useAuth();
  const { config, timeZone } = useClientConfig();
  const datum = tileDatumOf(config);
  const connected = useSocketConnected();

  const zones = useZones();
  const zoneIndex = useMemo(() => indexZones(zones.data), [zones.data]);
  const districts = useMemo(() => districtsOf(zones.data), [zones.data]);
  const crews = useLiveCrews();
  const orders = useLiveOrders();
  const outages = useLiveOutages();

  const [filter, setFilter] = useState<MapFilter>(EMPTY_FILTER);
  const [tab, setTab] = useState<'orders' | 'crews' | 'backlog'>('orders');
  const [selection, setSelection] = useState<Selection>(null);
  const [trailHours, setTrailHours] = useState<number | null>(null);
  const [map, setMap] = useState<L.Map | null>(null);

  const slaNow = useNow(5000); // recount and recolour the orders every 5 s
  const crewVersion = useStoreVersion(crews.store, 1000);
  const orderVersion = useStoreVersion(orders.store, 500);

  // A crew belongs to the district of its depot (its own field when the API sends one).
  const crewDistrict = useCallback(
    (c: Crew) => c.district ?? zoneAt(zoneIndex, c.depot)?.properties.district ?? null,
    [zoneIndex],
  );
  const { district, crewStatus } = filter;
  const visibleCrew = useCallback(
    (c: Crew) => crewMatches(c, crewDistrict(c), { district, crewStatus }),
    [crewDistrict, district, crewStatus],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the store is read again when its version moves
  const crewView = useMemo(() => {
    const inDistrict = [...crews.store.values()].filter((c) => !district || crewDistrict(c) === district);
    const listed = inDistrict
      .filter(visibleCrew)
      .sort((a, b) => (a.code ?? a.name).localeCompare(b.code ?? b.name, 'zh-CN'));
    return {
      listed,
      counts: countCrewsByStatus(inDistrict),
      drawn: crewMarkerCount(crews.store, visibleCrew),
    };
  }, [crews.store, crewVersion, crewDistrict, district, visibleCrew]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the store is read again when its version moves
  const orderView = useMemo(() => {
    const { rows, counts } = summariseOrders(orders.store.values(), slaNow, {
      district: filter.district,
      orderType: filter.orderType,
      orderStatus: filter.orderStatus,
      slaState: '',
    });
    const shown = filter.slaState ? rows.filter((r) => r.sla.state === filter.slaState) : rows;
    return { rows: shown, counts, total: rows.length };
  }, [orders.store, orderVersion, slaNow, filter]);

  // Fit the territory once, when the zones arrive.
  const fitted = useRef(false);
  useEffect(() => {
    if (!map || fitted.current || !zones.data || lastView) return;
    fitted.current = applyView(
      map,
      viewFor(zoneVertices(zones.data).map((p) => toDisplay(p, datum))),
      [10, 10],
    );
  }, [map, zones.data, datum]);

  // A district chosen in the filter brings its zones into view; cleared, the whole territory again.
  const districtShown = useRef<string | null>(null);
  useEffect(() => {
    if (!map || !zones.data || districtShown.current === (district || null)) return;
    const first = districtShown.current === null && !district;
    districtShown.current = district || null;
    if (first) return; // the territory is fitted above
    const features = district
      ? zones.data.features.filter((f) => f.properties.district === district)
      : zones.data.features;
    applyView(
      map,
      viewFor(zoneVertices({ ...zones.data, features }).map((p) => toDisplay(p, datum))),
      [10, 10],
    );
  }, [map, zones.data, district, datum]);

  useEffect(() => {
    if (!map) return;
    window.__gdMap = map;
    const keep = () => {
      const c = map.getCenter();
      lastView = { center: [c.lat, c.lng], zoom: map.getZoom() };
    };
    map.on('moveend', keep);
    return () => {
      map.off('moveend', keep);
      if (window.__gdMap === map) delete window.__gdMap;
    };
  }, [map]);

  const selectedOrder: Ticket | undefined =
    selection?.kind === 'order' ? orders.store.get(selection.id) : undefined;
  const selectedCrew: Crew | undefined =
    selection?.kind === 'crew' ? crews.store.get(selection.id) : undefined;
  void orderVersion;
  void crewVersion;
  const trail = useCrewTrail(selectedCrew && trailHours ? selectedCrew.id : null, trailHours ?? 1);
  // The crew's order by number: from the live orders, or asked for when it is not on the map.
  const crewOrderId = selectedCrew?.ticketId ?? null;
  const crewOrderLive = crewOrderId ? orders.store.get(crewOrderId) : undefined;
  const crewOrder = useTicket(crewOrderId && !crewOrderLive ? crewOrderId : null);
  // Candidates and the waiting list follow every order and crew change (socket events).
  useRefreshOnChange(LIVE_QUERIES);

  const focus = useCallback(
    (p: { lat: number; lng: number } | null | undefined) => {
      if (!map || !p) return;
      const d = toDisplay(p, datum);
      map.setView([d.lat, d.lng], Math.max(map.getZoom(), 14), { animate: false });
      // The detail panel covers the right 400 px: centre the point in what stays visible.
      if (map.getSize().x > 800) map.panBy([200, 0], { animate: false });
    },
    [map, datum],
  );
  const selectOrder = useCallback((id: string) => {
    setSelection({ kind: 'order', id });
    setTrailHours(null);
  }, []);
  const selectCrew = useCallback((id: string) => {
    setSelection({ kind: 'crew', id });
    setTrailHours(null);
  }, []);
  const crewOf = useCallback((id: string) => crews.store.get(id), [crews.store]);

  const crewTooltip = useCallback((c: Crew) => `${c.name} · ${t(`crewStatus.${c.status}`)}`, [t]);
  const orderTooltip = useCallback(
    (r: OrderRow) => {
      const state = r.sla.state === 'none' ? t('slaState.none') : t(`sla.${r.sla.state}`);
      const left = Number.isFinite(r.sla.remainingMs)
        ? ` ${formatDuration(r.sla.remainingMs, i18n.language)}`
        : '';
      return `${r.ticket.number} · ${t(`ticketType.${r.ticket.type}`)} · ${state}${left}`;
    },
    [t, i18n.language],
  );

  const canDispatch = can(user?.role, 'dispatch.settings');

  return (
    <div className="dm-app">
      <header className="dm-header">
        <h1>{t('map.title')}</h1>
        <span
          className={`dm-live${connected ? ' dm-live--on' : ''}`}
          data-testid="live-indicator"
          data-connected={connected}
        >
          ● {connected ? t('map.live') : t('map.offline')}
        </span>
        <span className="dm-header__counts">
          <span data-testid="header-crew-count">{t('map.crewCount', { count: crews.store.size })}</span>
          <span data-testid="header-order-count">{t('map.orderCount', { count: orderView.total })}</span>
        </span>
        <span className="dm-spacer" />
        <AutoDispatchSwitch canChange={canDispatch} />
        <LanguageSwitch />
        <span className="dm-user">{user?.displayName ?? user?.username}</span>
        <button type="button" onClick={logout} data-testid="sign-out">
          {t('auth.signOut')}
        </button>
      </header>

      <div className="dm-body">
        <nav className="dm-sidebar">
          <FilterBar filter={filter} districts={districts} onChange={setFilter} />
          <Legend
            title={t('map.openOrders')}
            testId="legend-orders"
            items={SLA_LEGEND.map((s) => ({
              key: s,
              label: s === 'none' ? t('slaState.none') : t(`sla.${s}`),
              color: ORDER_SLA_COLOR[s],
              count: orderView.counts[s],
              shape: 'diamond' as const,
              active: filter.slaState === s,
            }))}
            onToggle={(k) => setFilter((f) => ({ ...f, slaState: f.slaState === k ? '' : k }))}
          />
          <Legend
            title={t('map.crews')}
            testId="legend-crews"
            items={CREW_STATUSES.map((s) => ({
              key: s,
              label: t(`crewStatus.${s}`),
              color: CREW_STATUS_COLOR[s],
              count: crewView.counts[s],
              shape: 'circle' as const,
              active: filter.crewStatus === s,
            }))}
            onToggle={(k) =>
              setFilter((f) => ({
                ...f,
                crewStatus: f.crewStatus === k ? '' : (k as MapFilter['crewStatus']),
              }))
            }
          />
          <Legend
            title={t('map.legend')}
            items={[
              ...ZONE_CLASSES.map((z: ZoneClass) => ({
                key: z,
                label: t(`zoneClass.${z}`),
                color: ZONE_CLASS_STYLE[z].fill,
                shape: 'square' as const,
              })),
              { key: 'outage', label: t('map.outage'), color: '#ef3b2c', shape: 'square' as const },
            ]}
          />
          <div className="dm-tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'orders'}
              data-testid="tab-orders"
              onClick={() => setTab('orders')}
            >
              {t('map.orders')} ({orderView.rows.length})
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'crews'}
              data-testid="tab-crews"
              onClick={() => setTab('crews')}
            >
              {t('map.crews')} ({crewView.listed.length})
            </button>
            {canDispatch && (
              <button
                type="button"
                role="tab"
                aria-selected={tab === 'backlog'}
                data-testid="tab-backlog"
                onClick={() => setTab('backlog')}
              >
                {t('backlog.tab')}
              </button>
            )}
          </div>
          <div className="dm-scroll">
            {tab === 'orders' && orders.query.isPending && <Spinner label={t('map.loadingOrders')} />}
            {tab === 'orders' && orders.query.error && (
              <>
                <p className="dm-muted">{t('map.ordersUnavailable')}</p>
                <ErrorBox error={orders.query.error} onRetry={() => void orders.query.refetch()} />
              </>
            )}
            {tab === 'orders' && orders.query.data && (
              <OrderList
                rows={orderView.rows}
                selectedId={selection?.kind === 'order' ? selection.id : null}
                onSelect={(r) => {
                  selectOrder(r.ticket.id);
                  focus(r.ticket.location);
                }}
              />
            )}
            {tab === 'crews' && crews.query.isPending && <Spinner label={t('map.loadingCrews')} />}
            {tab === 'crews' && crews.query.error && (
              <>
                <p className="dm-muted">{t('map.crewsUnavailable')}</p>
                <ErrorBox error={crews.query.error} onRetry={() => void crews.query.refetch()} />
              </>
            )}
            {tab === 'crews' && crews.query.data && (
              <CrewList
                crews={crewView.listed}
                selectedId={selection?.kind === 'crew' ? selection.id : null}
                onSelect={(c) => {
                  selectCrew(c.id);
                  focus(c.position);
                }}
              />
            )}
            {tab === 'backlog' && (
              <BacklogList
                canDispatch={canDispatch}
                onDispatched={orders.upsert}
                onPick={(id) => {
                  selectOrder(id);
                  focus(orders.store.get(id)?.location);
                }}
              />
            )}
          </div>
        </nav>

        <main className="dm-main">
          {(zones.error || crews.query.error || outages.error) && (
            <div className="dm-banner" role="alert" data-testid="map-banner">
              {zones.error && <span>{(zones.error as Error).message}</span>}
              {crews.query.error && (
                <span>
                  {t('map.crewsUnavailable')}: {(crews.query.error as Error).message}
                </span>
              )}
              {outages.error && (
                <span>
                  {t('map.outagesUnavailable')}: {(outages.error as Error).message}
                </span>
              )}
            </div>
          )}
          {config && !config.tileUrl && <div className="dm-note">{t('map.noTiles')}</div>}
          <MapContainer
            ref={setMap}
            center={lastView?.center ?? DEFAULT_CENTER}
            zoom={lastView?.zoom ?? 10}
            minZoom={6}
            zoomSnap={0.5}
            maxZoom={18}
            preferCanvas
            renderer={sharedCanvas()}
            className="dm-map"
            attributionControl={Boolean(config?.tileAttribution)}
            id="dispatch-map"
          >
            {config?.tileUrl && <TileLayer url={config.tileUrl} attribution={config.tileAttribution} />}
            <ZonesLayer zones={zones.data} datum={datum} />
            <OutagesLayer outages={outages.data} datum={datum} timeZone={timeZone} />
            <CrewTrailLayer points={trailHours ? trail.data : undefined} datum={datum} />
            <OrdersLayer
              rows={orderView.rows}
              datum={datum}
              selectedId={selection?.kind === 'order' ? selection.id : null}
              onSelect={selectOrder}
              tooltip={orderTooltip}
            />
            <CrewsLayer
              store={crews.store}
              datum={datum}
              visible={visibleCrew}
              selectedId={selection?.kind === 'crew' ? selection.id : null}
              onSelect={selectCrew}
              tooltip={crewTooltip}
            />
          </MapContainer>
          <button
            type="button"
            className="dm-fit"
            data-testid="fit-all"
            onClick={() => {
              if (map)
                applyView(map, viewFor(zoneVertices(zones.data).map((p) => toDisplay(p, datum))), [10, 10]);
            }}
          >
            {t('map.fitAll')}
          </button>
          <div hidden data-testid="crew-layer" data-count={crewView.drawn} />
          <div hidden data-testid="order-layer" data-count={orderView.rows.length} />

          {selectedOrder && user && (
            <OrderPanel
              ticket={selectedOrder}
              role={user.role}
              timeZone={timeZone}
              crewOf={crewOf}
              onClose={() => setSelection(null)}
              onDispatched={orders.upsert}
            />
          )}
          {selectedCrew && (
            <CrewPanel
              crew={selectedCrew}
              timeZone={timeZone}
              trailHours={trailHours}
              trail={trail}
              onTrail={setTrailHours}
              orderNumber={crewOrderLive?.number ?? crewOrder.data?.number ?? null}
              onOpenOrder={(id) => {
                // The live list, or the order read for the panel when the list has not received it yet.
                const order =
                  orders.store.get(id) ?? (crewOrder.data?.id === id ? crewOrder.data : undefined);
                if (!order?.location) return;
                selectOrder(id);
                focus(order.location);
              }}
              onClose={() => setSelection(null)}
            />
          )}
        </main>
      </div>
    </div>
  );
}
