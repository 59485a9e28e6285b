import { isOpenStatus, type TicketStatus } from '@gd/domain';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  type OnModuleInit,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Transaction } from '../db/client.js';
import type { DomainEvents } from '../events/domain-events.js';
import { DomainEventBus } from '../events/event-bus.js';
import { OutagesService } from '../outages/outages.service.js';
import { TicketWorkflowService } from './ticket-workflow.service.js';
import { TicketsRepository } from './tickets.repository.js';

/**
 * The orders' side of outages: a fault outage published for a master order links it (refusing, inside the same
 * transaction, a master that cannot be one); an outage restored by hand restores its master order, which brings
 * the master's children along (TicketWorkflowService.restoreChildren).
 */
@Injectable()
export class OutageOrdersListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly repo: TicketsRepository,
    private readonly workflow: TicketWorkflowService,
    private readonly outages: OutagesService,
  ) {}

  onModuleInit() {
    this.events.inTransaction('outage.published', 'orders: link the master order', (e, tx) =>
      this.linkMaster(e, tx),
    );
    this.events.inTransaction('outage.restored', 'orders: restore the master order', (e, tx) =>
      this.restoreMaster(e, tx),
    );
  }

  private async linkMaster({ outage, actor }: DomainEvents['outage.published'], tx: Transaction) {
    if (!outage.ticketId) return;
    const master = await this.repo.lock(tx, outage.ticketId);
    if (!master) throw new NotFoundException(`no order ${outage.ticketId}`);
    if (master.type !== 'fault_repair') {
      throw new UnprocessableEntityException('the master of a fault outage must be a fault repair order');
    }
    if (!isOpenStatus(master.status as TicketStatus) || master.parentId) {
      throw new ConflictException(
        `order ${master.number} is ${master.parentId ? 'a child order' : master.status}`,
      );
    }
    const other = await this.outages.activeWithMaster(tx, master.id);
    if (other && other.id !== outage.id) {
      throw new ConflictException(`order ${master.number} is already the master of an active outage`);
    }
    await this.repo.update(tx, master.id, { outageId: outage.id });
    await this.repo.addEvent(tx, {
      ticketId: master.id,
      actorId: 'id' in actor ? actor.id : null,
      kind: 'outage_master',
      data: { outageId: outage.id, estimatedRestoreAt: outage.estimatedRestoreAt?.toISOString() ?? null },
    });
  }

  private async restoreMaster(
    { outage, byMasterOrder, actor }: DomainEvents['outage.restored'],
    tx: Transaction,
  ) {
    if (byMasterOrder || !outage.ticketId) return;
    const master = await this.repo.lock(tx, outage.ticketId);
    if (!master) return;
    const status = master.status as TicketStatus;
    if (isOpenStatus(status) && status !== 'restored') {
      await this.workflow.transition(tx, master.id, 'restored', actor, {
        via: 'outage',
        note: 'outage restored',
        data: { outageId: outage.id },
      });
    } else {
      await this.workflow.restoreChildren(tx, master);
    }
  }
}
