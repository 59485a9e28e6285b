import type { TimelineEntry } from '@gd/domain';
import { formatDateTime, useClientConfig } from '@gd/web';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useStaffNames } from '../../staff/api/get-staff.js';
import { timelineActor, timelineFacts, timelineKindKey } from '../lib/timeline.js';

/** An order's story, oldest first: when, what, who, and the facts in the reader's language. */
export function TimelineList({ entries, testId }: { entries: TimelineEntry[]; testId: string }) {
  const { t } = useTranslation();
  const { timeZone } = useClientConfig();
  const names = useStaffNames();
  const format = { t, name: names, dateTime: (iso: string) => formatDateTime(iso, timeZone) };
  return (
    <ol className="timeline" data-testid={testId}>
      {entries.map((e, i) => {
        const actor = timelineActor(e, format);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id and never reorder
          <li key={`${e.at}-${i}`} data-kind={e.kind}>
            <span className="muted">{formatDateTime(e.at, timeZone, true)}</span>{' '}
            <strong>{t(timelineKindKey(e.kind), { defaultValue: e.kind })}</strong>
            {actor && <span> {actor}</span>}
            {timelineFacts(e, format).map((f) => (
              <span key={`${f.label}:${f.value}`} className="timeline-fact">
                {' · '}
                <span className="muted">{f.label}</span>{' '}
                {f.orderId ? <Link to={`/tickets/${f.orderId}`}>{f.value}</Link> : f.value}
              </span>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
