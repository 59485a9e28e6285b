import {
  PHOTO_MAX_BYTES,
  PHOTO_MAX_PER_ORDER,
  type PhotoType,
  sniffPhotoType,
  type TicketPhoto,
} from '@gd/domain';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { type TicketPhotoMeta, TicketPhotosRepository } from './ticket-photos.repository.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import { TicketsRepository } from './tickets.repository.js';

/**
 * The photos of a crew's completion report: only the crew the order is with may add them; whoever may read the
 * order (the office; a crew, the orders it was sent to) may see them.
 */
@Injectable()
export class TicketPhotosService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly photos: TicketPhotosRepository,
    private readonly tickets: TicketsRepository,
    private readonly queries: TicketQueriesService,
    private readonly audit: AuditRepository,
    private readonly events: DomainEventBus,
  ) {}

  async add(user: AuthUser, ticketId: string, body: unknown, clientKey?: string): Promise<TicketPhoto> {
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw new BadRequestException('send the photo as the request body (Content-Type: image/jpeg)');
    if (body.length > PHOTO_MAX_BYTES)
      throw new PayloadTooLargeException(`a photo may be at most ${PHOTO_MAX_BYTES} bytes`);
    const type = sniffPhotoType(body);
    if (!type) throw new UnsupportedMediaTypeException('the file is not a JPEG, PNG or WebP image');
    const key = clientKey?.trim() || null;
    if (key && key.length > 100)
      throw new BadRequestException('Idempotency-Key is longer than 100 characters');

    return inTransaction(this.database.db, async (tx) => {
      const t = await this.tickets.lock(tx, ticketId);
      if (!t) throw new NotFoundException(`no order ${ticketId}`);
      if (user.role !== 'crew' || !user.crewId || t.crewId !== user.crewId)
        throw new ForbiddenException(`only the crew order ${t.number} is with may add its photos`);
      if (key) {
        const again = await this.photos.findByClientKey(tx, ticketId, key);
        if (again) return view(again);
      }
      if ((await this.photos.countFor(tx, ticketId)) >= PHOTO_MAX_PER_ORDER)
        throw new ConflictException(`order ${t.number} already has ${PHOTO_MAX_PER_ORDER} photos`);
      const created = await this.photos.insert(tx, {
        ticketId,
        crewId: user.crewId,
        uploadedBy: user.id,
        clientKey: key,
        contentType: type,
        sizeBytes: body.length,
        data: body,
      });
      if (!created) throw new ConflictException('the same upload is being stored: try again');
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'ticket.photo',
        entity: 'ticket',
        entityId: ticketId,
        after: { photoId: created.id, contentType: type, sizeBytes: body.length },
      });
      await this.events.raise(tx, 'ticket.photo-added', { ticketId, photoId: created.id, actor: user });
      return view(created);
    });
  }

  async list(user: AuthUser, ticketId: string): Promise<TicketPhoto[]> {
    await this.queries.find(user, { id: ticketId });
    return (await this.photos.list(this.database.db, ticketId)).map(view);
  }

  async bytes(user: AuthUser, ticketId: string, photoId: string) {
    await this.queries.find(user, { id: ticketId });
    const row = await this.photos.findOne(this.database.db, ticketId, photoId);
    if (!row) throw new NotFoundException(`no photo ${photoId} on this order`);
    return { contentType: row.contentType, data: row.data };
  }
}

function view(p: TicketPhotoMeta): TicketPhoto {
  return {
    id: p.id,
    ticketId: p.ticketId,
    contentType: p.contentType as PhotoType,
    sizeBytes: p.sizeBytes,
    crewId: p.crewId,
    uploadedBy: p.uploadedBy,
    createdAt: p.createdAt.toISOString(),
  };
}
