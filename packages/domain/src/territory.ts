export const ZONE_CLASSES = ['urban', 'rural', 'remote'] as const;
export type ZoneClass = (typeof ZONE_CLASSES)[number];

export const CREW_SKILLS = ['distribution', 'cable', 'overhead_line', 'metering'] as const;
export type CrewSkill = (typeof CREW_SKILLS)[number];

/** Every crew status of the public API; `returning` is set by no rule (UNUSED_CREW_STATUSES in crews.ts). */
export const CREW_STATUSES = [
  'off_duty',
  'available',
  'dispatched',
  'en_route',
  'on_site',
  'returning',
] as const;
export type CrewStatus = (typeof CREW_STATUSES)[number];

export const CHANNELS = ['phone', 'wechat', 'app', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CALL_OUTCOMES = ['new_ticket', 'follow_up', 'answered', 'known_outage'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
