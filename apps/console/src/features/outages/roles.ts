import { rolesFor } from '@gd/domain';

/** Who publishes and restores outages (the permission table's outage.publish, as the API guards it). */
export const OUTAGE_ROLES = rolesFor('outage.publish');
