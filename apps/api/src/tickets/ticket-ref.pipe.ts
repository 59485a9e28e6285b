import { normalizeTicketNumber } from '@gd/domain';
import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/** An order as a path names it: by its id, or by its number in stored form. */
export type TicketRef = { id: string } | { number: string };

/**
 * Reads an order's id, or the number a customer reads out on the phone (GD20261203000001, in any case, with spaces
 * or dashes), into a {@link TicketRef}.
 */
@Injectable()
export class TicketRefPipe implements PipeTransform<string, TicketRef> {
  transform(value: string): TicketRef {
    if (isUUID(value)) return { id: value };
    const number = normalizeTicketNumber(value);
    if (number) return { number };
    throw new BadRequestException(
      `expected an order id (UUID) or an order number such as GD20261203000001, got "${value.slice(0, 40)}"`,
    );
  }
}
