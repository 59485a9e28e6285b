import type { TFunction } from 'i18next';
import { shortId } from './audit-labels.js';

/** What the 详情 table needs to show a value as people read it. */
export interface AuditFormat {
  t: TFunction;
  /** The audited record's entity (`ticket`, `crew`…): a `status` means different words on each. */
  entity: string;
  /** A staff member's name from their id. */
  name: (id: string) => string;
  /** A crew's name from its id (its id shortened when unknown). */
  crew: (id: string) => string;
  dateTime: (iso: string) => string;
}

const PERSON_FIELDS = new Set([
  'actorId',
  'agentId',
  'ownerId',
  'firstResponderId',
  'toUserId',
  'fromUserId',
  'userId',
  'declaredBy',
  'uploadedBy',
]);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/** Where each field's coded values are worded (i18n key prefixes, first found wins). */
function vocabulary(field: string, entity: string): string[] {
  switch (field) {
    case 'status':
    case 'from':
    case 'to':
      if (entity === 'crew') return ['crewStatus'];
      if (entity === 'outage') return ['audit.value.outageStatus'];
      if (entity === 'callback') return ['audit.value.callbackStatus'];
      return ['ticketStatus'];
    case 'type':
      return ['ticketType'];
    case 'kind':
      return ['outageKind', 'sla'];
    case 'state':
      return ['sla'];
    case 'priority':
      return ['priority'];
    case 'zoneClass':
      return ['zoneClass'];
    case 'role':
      return ['role'];
    case 'channel':
      return ['channel'];
    case 'outcome':
      return ['audit.value.callOutcome', 'callbacks.outcome'];
    case 'skills':
    case 'requiredSkills':
      return ['crews.skill'];
    case 'satisfaction':
    case 'timeliness':
    case 'attitude':
      return ['callbacks.scale'];
    case 'mode':
      return ['timeline.mode'];
    case 'via':
      return ['timeline.via'];
    case 'tags':
      return ['customerTag'];
    default:
      return [];
  }
}

/** A field's name in the reader's language; an unknown field as words (`arrivalFlag` → `arrival flag`). */
export function auditFieldLabel(t: TFunction, field: string): string {
  return t(`audit.fields.${field}`, {
    defaultValue: field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(),
  });
}

/**
 * An audited value as people read it: coded words translated, people and crews by name, instants in the centre's
 * zone, places as coordinates, yes/no for flags; '–' for nothing. Ids nobody reads are shortened.
 * @example auditValue('status', 'on_site', { ...f, entity: 'ticket' }) //=> '已到达现场'
 */
export function auditValue(field: string, value: unknown, f: AuditFormat): string {
  const { t } = f;
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no');
  if (Array.isArray(value)) {
    if (value.length === 0) return '–';
    return value.map((v) => auditValue(field, v, f)).join('、');
  }
  if (typeof value === 'number') {
    if (field === 'sizeBytes') return t('audit.value.kb', { n: Math.round(value / 1024) });
    if (field === 'pausedMs') return t('audit.value.minutes', { n: Math.round(value / 60_000) });
    return String(value);
  }
  if (typeof value === 'string') {
    if (PERSON_FIELDS.has(field)) return f.name(value);
    if (field === 'crewId' || field === 'proposedCrewId') return f.crew(value);
    const keys = vocabulary(field, f.entity);
    for (const prefix of keys) {
      const key = `${prefix}.${value}`;
      const word = t(key, { defaultValue: '' });
      if (word) return word;
    }
    if (ISO.test(value)) return f.dateTime(value);
    if (field === 'id' || field.endsWith('Id')) return shortId(value);
    return value;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.lat === 'number' && typeof o.lng === 'number')
      return `${o.lat.toFixed(5)}, ${o.lng.toFixed(5)}${typeof o.name === 'string' ? ` ${o.name}` : ''}`;
    if (typeof o.start === 'string' && typeof o.end === 'string') return `${o.start}–${o.end}`;
    if (o.type === 'Polygon' && Array.isArray(o.coordinates)) {
      const ring = (o.coordinates[0] as unknown[] | undefined) ?? [];
      return t('audit.value.area', { n: Math.max(0, ring.length - 1) });
    }
    // A nested record (a clock, a report): its fields, each labelled and shown the same way.
    return Object.entries(o)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${auditFieldLabel(t, k)}：${auditValue(k, v, f)}`)
      .join('；');
  }
  return String(value);
}
