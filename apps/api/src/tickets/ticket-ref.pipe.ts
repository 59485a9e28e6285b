import { normalizeTicketNumber } from '@gd/domain';
import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/**
 * An order as a path names it: its id, or the number a customer reads out on the phone (GD20261203000001, in any
 * case, with spaces or dashes), which comes out in its stored form.
 */
@Injectable()
export class TicketRefPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (isUUID(value)) return value;
    const number = normalizeTicketNumber(value);
    if (number) return number;
    throw new BadRequestException(
      `expected an order id (UUID) or an order number such as GD20261203000001, got "${value.slice(0, 40)}"`,
    );
  }
}
