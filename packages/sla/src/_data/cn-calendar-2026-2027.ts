import type { BusinessCalendar } from '../types.js';

/**
 * National business calendar of the People's Republic of China (法定节假日 and 调休), 2026–2027, as DATA:
 * replace this object (or load an equivalent JSON through `parseCalendar`) to change it, no code involved.
 *
 * Working hours: 09:00–12:00 and 13:30–17:30 (7 working hours a day), Monday–Friday, Asia/Shanghai.
 * Outside 2026–2027 only the weekend rule applies: extend the lists before 2028.
 *
 * 2026 — State Council notice (official):
 *   New Year Jan 1–3 (make-up Sun Jan 4); Spring Festival Feb 15–23 (make-up Sat Feb 14, Sat Feb 28);
 *   Qingming Apr 4–6; Labour Day May 1–5 (make-up Sat May 9); Dragon Boat Jun 19–21;
 *   Mid-Autumn Sep 25–27; National Day Oct 1–7 (make-up Sun Sep 20, Sat Oct 10).
 *
 * 2027 — PROVISIONAL: a plausible schedule built from the lunar dates (Spring Festival Feb 6, Qingming Apr 5,
 * Dragon Boat Jun 9, Mid-Autumn Sep 15) and the usual pattern. Replace with the State Council notice when
 * it is published.
 */
export const CN_CALENDAR_2026_2027: BusinessCalendar = {
  id: 'cn-2026-2027',
  timeZone: 'Asia/Shanghai',
  workingHours: [
    { from: '09:00', to: '12:00' },
    { from: '13:30', to: '17:30' },
  ],
  weekendDays: [0, 6],
  holidays: [
    // 2026 (official)
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
    // 2027 (PROVISIONAL)
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    '2027-02-05',
    '2027-02-06',
    '2027-02-07',
    '2027-02-08',
    '2027-02-09',
    '2027-02-10',
    '2027-02-11',
    '2027-02-12',
    '2027-04-03',
    '2027-04-04',
    '2027-04-05',
    '2027-05-01',
    '2027-05-02',
    '2027-05-03',
    '2027-05-04',
    '2027-05-05',
    '2027-06-09',
    '2027-09-15',
    '2027-10-01',
    '2027-10-02',
    '2027-10-03',
    '2027-10-04',
    '2027-10-05',
    '2027-10-06',
    '2027-10-07',
  ],
  makeUpWorkdays: [
    // 2026 (official)
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
    // 2027 (PROVISIONAL)
    '2027-01-31',
    '2027-02-20',
    '2027-05-08',
    '2027-09-26',
    '2027-10-09',
  ],
};
