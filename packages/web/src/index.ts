export { ApiError, type ApiOptions, api, apiUrl, errorMessages, type QueryValue } from './api.js';
export { localizeApiMessage } from './apiMessages.js';
export { AuthProvider, type AuthValue, useAuth } from './auth.js';
export { type ClientConfig, DEFAULT_TIME_ZONE, loadClientConfig, useClientConfig } from './clientConfig.js';
export { CREW_STATUS_COLOR, CrewStatusBadge } from './crewStatus.js';
export { fromDisplay, polygonToDisplay, type TileDatum, tileDatumOf, toDisplay } from './datum.js';
export {
  codeKey,
  initI18n,
  LANGUAGES,
  type Language,
  LanguageSwitch,
  type Messages,
  mergeMessages,
  type Resources,
  setLanguage,
  sharedResources,
} from './i18n.js';
export { LoginPage } from './LoginPage.js';
export { type NoticeLike, noticeIsImportant, noticeText } from './notices.js';
export { formatPhone } from './phone.js';
export { RequireAuth } from './RequireAuth.js';
export { SlaBadge } from './SlaBadge.js';
export { getSession, SESSION_KEY, type Session, setSession, subscribeSession } from './session.js';
export { type ClockView, clockView, mostUrgentClock, pausableClocks, toSlaClock } from './slaView.js';
export { type GdSocket, getSocket, useSocket, useSocketConnected, useSocketEvent } from './socket.js';
export { formatDateTime, formatDuration, fromDateTimeLocal, toDateTimeLocal, useNow } from './time.js';
export { CharCount, EmptyState, ErrorBox, Spinner } from './ui.js';
export { useZones } from './useZones.js';
export {
  districtsOf,
  indexZones,
  ZONE_CLASS_STYLE,
  type ZoneIndex,
  zoneAt,
  zoneVertices,
} from './zones.js';
