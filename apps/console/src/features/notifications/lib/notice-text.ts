import type { TFunction } from 'i18next';

/**
 * A notice as a sentence in the reader's language, from today's payload (`kind` + the server's Chinese `message`).
 * One small function on purpose: when the server sends a key and parameters, only this changes.
 * A status change (`工单 GD…: en_route → on_site`) reads 工单 GD… 出发 → 到达现场 / Order GD…: En route → On site;
 * other messages keep the server's words, with 工单 read as Order in English.
 */
export function noticeText(kind: string, message: string, t: TFunction): string {
  const status = /^工单 (GD\d+): (\w+) → (\w+)(?: \((.*)\))?$/.exec(message);
  if (kind === 'status' || kind === 'reopened') {
    if (status) {
      const [, number, from, to, note] = status;
      const text = t('notice.status', {
        number,
        from: t(`ticketStatus.${from}`, { defaultValue: from }),
        to: t(`ticketStatus.${to}`, { defaultValue: to }),
      });
      return note ? `${text}（${note}）` : text;
    }
  }
  return t('notice.order') === '工单' ? message : message.replace(/^工单 /, `${t('notice.order')} `);
}

/** Kinds a person must not miss: they stand out and are kept when routine ones scroll out. */
const IMPORTANT = new Set([
  'reopened',
  'handoff',
  'urged',
  'dissatisfied_callback',
  'sla.warning',
  'sla.breached',
  'warning',
  'breached',
]);

export function isImportant(kind: string): boolean {
  return IMPORTANT.has(kind);
}

/**
 * The notices kept: every important one (until cleared) and the newest routine ones up to `routineMax`, newest
 * first — so a storm of status changes never pushes an urging or a breach out unread.
 */
export function keepNotices<T extends { kind: string }>(all: readonly T[], routineMax = 50): T[] {
  let routine = 0;
  return all.filter((n) => isImportant(n.kind) || routine++ < routineMax);
}
