import type { Customer, ZoneClass } from '@gd/domain';
import type { CustomerRow } from './customers.repository.js';

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    accountNo: row.accountNo,
    name: row.name,
    phone: row.phone,
    address: row.address,
    location: { lat: row.lat, lng: row.lng },
    zoneClass: row.zoneClass as ZoneClass,
    district: row.district,
    tags: row.tags,
  };
}
