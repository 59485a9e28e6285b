import { Link } from 'react-router';
import { useTicket } from '../api/get-ticket.js';

/** A link to an order known by id, shown by its number once loaded. */
export function OrderNumberLink({ id }: { id: string }) {
  const order = useTicket(id);
  return <Link to={`/tickets/${id}`}>{order.data?.number ?? id.slice(0, 8)}</Link>;
}
