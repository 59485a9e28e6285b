import { rolesFor, rooms } from '@gd/domain';

/** Who sees crew markers and status changes live. */
export const crewWatchRooms = (crew: { id: string; district: string | null }) => [
  ...rolesFor('crew.watch').map(rooms.role),
  ...(crew.district ? [rooms.district(crew.district)] : []),
];
