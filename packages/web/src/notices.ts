import { isImportantNotice, type NoticeParams, type TicketStatus } from '@gd/domain';
import type { TFunction } from 'i18next';
import { formatDateTime } from './time.js';

export interface NoticeLike {
  kind: string;
  params?: Record<string, unknown> | null;
  message: string;
}

/**
 * A notice as a sentence in the reader's language, from its kind and parameters (NoticeParams in @gd/domain); a
 * notice of an unknown kind, or stored before notices carried parameters, shows the server's Chinese text.
 */
export function noticeText(t: TFunction, n: NoticeLike, timeZone?: string): string {
  const p = n.params as Record<string, unknown> | null | undefined;
  if (!p || typeof p.number !== 'string') return n.message;
  const status = (s: unknown) => t(`ticketStatus.${s as TicketStatus}`);
  const note = (x: unknown) => (typeof x === 'string' && x ? ` · ${x}` : '');
  const due = (x: unknown) => (typeof x === 'string' ? formatDateTime(x, timeZone) : '');
  switch (n.kind) {
    case 'status':
    case 'reopened': {
      const q = p as NoticeParams['status'];
      return t(`notice.${n.kind}`, { number: q.number, to: status(q.to), note: note(q.note) });
    }
    case 'handoff':
      return t('notice.handoff', p);
    case 'urged':
      return t('notice.urged', { ...p, note: note(p.note) });
    case 'dispatch.alert':
      return p.reason === 'late' ? t('notice.dispatchLate', p) : t('notice.dispatchNone', p);
    case 'sla.warning':
    case 'sla.breached':
      return t(n.kind === 'sla.warning' ? 'notice.slaWarning' : 'notice.slaBreached', {
        number: p.number,
        clock: t(`sla.${p.clock as string}`),
        dueAt: due(p.dueAt),
      });
    case 'pause.requested':
      return t('notice.pauseRequested', {
        number: p.number,
        by: p.by,
        clock: t(`sla.${p.clock as string}`),
        reason: t(`pauseReason.${p.reason as string}`),
      });
    case 'pause.approved':
      return t('notice.pauseApproved', { number: p.number, clock: t(`sla.${p.clock as string}`) });
    case 'pause.refused':
      return t('notice.pauseRefused', {
        number: p.number,
        clock: t(`sla.${p.clock as string}`),
        reason: p.reason,
      });
    case 'dissatisfied_callback':
      return t('notice.dissatisfiedCallback', {
        ...p,
        why: t(p.resolved ? 'notice.dissatisfied' : 'notice.unresolved'),
      });
    default:
      return n.message;
  }
}

/** Whether a notice needs action (it stands out, is never muted, stays until read). */
export const noticeIsImportant = (n: { kind: string }) => isImportantNotice(n.kind);
