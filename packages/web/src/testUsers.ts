import type { User } from '@gd/domain';

/** The signed-in agent of the kit's own tests (not exported by the package). */
export const TEST_AGENT: User = {
  id: 'u1',
  username: 'agent1',
  displayName: '张三',
  role: 'agent',
  crewId: null,
  team: null,
};
