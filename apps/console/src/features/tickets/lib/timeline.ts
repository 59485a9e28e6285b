import type { TimelineEntry, TimelineKind } from '@gd/domain';
import { PAUSE_REASONS } from '@gd/sla';
import { codeKey } from '@gd/web';
import type { TFunction } from 'i18next';

/** One fact of a timeline entry as the reader sees it; `orderId` makes it a link to that order. */
export interface TimelineFact {
  label: string;
  value: string;
  orderId?: string;
}

export interface TimelineFormat {
  t: TFunction;
  /** A staff member's display name from their id. */
  name: (id: string) => string;
  dateTime: (iso: string) => string;
}

/** The entry's kind as an i18n key: kinds such as `sla.warning` hold the key separator. */
export function timelineKindKey(kind: TimelineKind): string {
  return `timeline.${codeKey(kind)}`;
}

/** Who made the entry: a person's name, or the part of the system that acted (auto-dispatch, geofence…). */
export function timelineActor(e: TimelineEntry, f: TimelineFormat): string | null {
  if (e.actorId) return f.name(e.actorId);
  return typeof e.data.system === 'string' ? systemActorName(e.data.system, f.t) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The facts of a timeline entry in the reader's language: enum values translated, staff ids as names, related
 * orders by number (linked), ids nobody reads (calls, outages, crews by id) left out. A field this list does not
 * know is shown as it is, unless it is an id.
 */
export function timelineFacts(e: TimelineEntry, f: TimelineFormat): TimelineFact[] {
  const { t } = f;
  const d = e.data ?? {};
  const facts: TimelineFact[] = [];
  const add = (key: string, value: string, orderId?: string) =>
    facts.push({ label: t(`timeline.field.${key}`), value, ...(orderId ? { orderId } : {}) });
  const done = new Set(['system', 'callId', 'crewId', 'outageId', 'callbackId', 'emergencyId', 'parentId']);
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  const num = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : null);
  const bool = (k: string) => (typeof d[k] === 'boolean' ? (d[k] as boolean) : null);
  const yesNo = (b: boolean) => t(b ? 'timeline.value.yes' : 'timeline.value.no');

  // The order's own number on its `created` entry repeats the page's title.
  if (e.kind === 'created') done.add('number');
  if (str('type')) add('type', t(`ticketType.${str('type')}`, { defaultValue: str('type')! }));
  if (str('priority')) add('priority', t(`priority.${str('priority')}`, { defaultValue: str('priority')! }));
  if (str('from') && str('to')) {
    add('status', `${t(`ticketStatus.${str('from')}`)} → ${t(`ticketStatus.${str('to')}`)}`);
  } else if (str('to') && e.kind !== 'handoff') {
    add('status', t(`ticketStatus.${str('to')}`, { defaultValue: str('to')! }));
  }
  done.add('from').add('to').add('type').add('priority');
  if (str('via')) add('via', t(`timeline.via.${str('via')}`, { defaultValue: str('via')! }));
  if (str('mode')) add('mode', t(`timeline.mode.${str('mode')}`, { defaultValue: str('mode')! }));
  if (str('crewCode')) add('crew', str('crewCode')!);
  if (num('distanceKm') !== null)
    add('distance', t('timeline.value.km', { n: num('distanceKm')!.toFixed(1) }));
  if (num('etaMinutes') !== null)
    add('eta', t('timeline.value.minutes', { n: Math.round(num('etaMinutes')!) }));
  if (num('distanceM') !== null) add('distance', t('timeline.value.m', { n: Math.round(num('distanceM')!) }));
  if (str('arrivedAt')) add('arrivedAt', f.dateTime(str('arrivedAt')!));
  if (bool('meetsArrivalSla') !== null)
    add('meetsArrivalSla', t(bool('meetsArrivalSla') ? 'timeline.value.meets' : 'timeline.value.misses'));
  if (Array.isArray(d.missingSkills)) add('missingSkills', (d.missingSkills as string[]).join('、'));
  if (bool('preempted')) add('preempted', yesNo(true));
  done
    .add('via')
    .add('mode')
    .add('crewCode')
    .add('distanceKm')
    .add('etaMinutes')
    .add('distanceM')
    .add('arrivedAt')
    .add('meetsArrivalSla')
    .add('missingSkills')
    .add('preempted');

  if (str('fromUserId')) add('fromUser', f.name(str('fromUserId')!));
  if (str('toUserId')) add('toUser', f.name(str('toUserId')!));
  if (num('count') !== null) add('count', t('timeline.value.nth', { n: num('count') }));
  // A pause approved on request names who asked.
  if (str('requestedBy')) add('requestedBy', f.name(str('requestedBy')!));
  done.add('fromUserId').add('toUserId').add('count').add('requestedBy');

  const masterNumber = str('masterNumber');
  if (masterNumber) add('master', masterNumber, str('parentId') ?? undefined);
  if (str('childId')) add('child', str('number') ?? str('childId')!.slice(0, 8), str('childId')!);
  done.add('masterNumber').add('childId').add('number');

  if (str('clock')) add('clock', t(`sla.${str('clock')}`, { defaultValue: str('clock')! }));
  if (str('dueAt')) add('dueAt', f.dateTime(str('dueAt')!));
  if (str('estimatedRestoreAt')) add('estimatedRestoreAt', f.dateTime(str('estimatedRestoreAt')!));
  if (str('startsAt')) add('startsAt', f.dateTime(str('startsAt')!));
  if (str('endsAt')) add('endsAt', f.dateTime(str('endsAt')!));
  done.add('clock').add('dueAt').add('estimatedRestoreAt').add('startsAt').add('endsAt');

  if (e.kind === 'callback') {
    if (str('outcome'))
      add('outcome', t(`timeline.callbackOutcome.${str('outcome')}`, { defaultValue: str('outcome')! }));
    if (num('attempt') !== null) add('attempt', t('timeline.value.nth', { n: num('attempt') }));
    if (bool('reached') !== null) add('reached', yesNo(bool('reached')!));
    if (bool('resolved') !== null) add('resolved', yesNo(bool('resolved')!));
    for (const k of ['satisfaction', 'timeliness', 'attitude']) {
      if (str(k)) add(k, t(`callbacks.scale.${str(k)}`, { defaultValue: str(k)! }));
    }
    done.add('outcome').add('attempt').add('reached').add('resolved');
    done.add('satisfaction').add('timeliness').add('attitude');
  }

  const reason = str('reason');
  // A pause's reason is a code; a hand-off's or a dispatch's is the words someone typed.
  if (reason) add('reason', isPauseReason(reason) ? t(`timeline.pauseReason.${reason}`) : reason);
  const report = d.report as { cause?: string; workDone?: string; materials?: string } | undefined;
  if (report && typeof report === 'object') {
    if (report.cause) add('cause', report.cause);
    if (report.workDone) add('workDone', report.workDone);
    if (report.materials) add('materials', report.materials);
  }
  if (str('message')) add('message', str('message')!);
  if (str('note')) add('note', str('note')!);
  done.add('reason').add('report').add('message').add('note');

  for (const [k, v] of Object.entries(d)) {
    if (done.has(k) || v === null || v === undefined || v === '') continue;
    const shown = typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (UUID.test(shown)) continue;
    facts.push({ label: t(`timeline.field.${k}`, { defaultValue: k }), value: shown });
  }
  return facts;
}

function isPauseReason(reason: string): boolean {
  return (PAUSE_REASONS as readonly string[]).includes(reason);
}

/** The part of the system that acted for nobody in person (auto-dispatch, geofence, …), in the reader's words. */
export function systemActorName(system: string, t: TFunction): string {
  return t(`timeline.system.${system.replaceAll('-', '_')}`, { defaultValue: system });
}
