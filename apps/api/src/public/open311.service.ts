import { randomUUID } from 'node:crypto';
import { isOpenStatus, normalizeTicketNumber, type TicketStatus } from '@gd/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { normalizePhone } from '../common/phone.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { MessagesService } from '../messages/messages.service.js';
import { OPEN311_SERVICES, type Open311RequestDto } from './open311.dto.js';
import { PublicRepository } from './public.repository.js';
import { PublicService } from './public.service.js';
import { STATUS_TEXT } from './public-order.js';

@Injectable()
export class Open311Service {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: PublicRepository,
    private readonly publicService: PublicService,
    private readonly messages: MessagesService,
  ) {}

  services() {
    return Object.entries(OPEN311_SERVICES).map(([code, s]) => ({
      service_code: code,
      service_name: s.name,
      description: s.name,
      metadata: false,
      type: 'realtime',
      keywords: s.type,
      group: s.group,
    }));
  }

  async create(dto: Open311RequestDto) {
    const s = OPEN311_SERVICES[dto.service_code];
    const order = await this.publicService.createOrder({
      phone: normalizePhone(dto.phone)!,
      type: s.type,
      description: dto.description,
      lat: dto.lat,
      lng: dto.long,
      ...(dto.address_string ? { address: dto.address_string } : {}),
      key: `open311:${randomUUID()}`,
      notes: `Open311 ${dto.service_code}${dto.first_name || dto.last_name ? ` ${dto.last_name ?? ''}${dto.first_name ?? ''}` : ''}`,
    });
    return [
      {
        service_request_id: order.number,
        service_notice: `已受理，工单号 ${order.number}，进度查询：${this.messages.trackLink(order.number)}`,
      },
    ];
  }

  /** Status of a request made through the public side; any other order (or none) is a 404, the same one. */
  async get(id: string) {
    const number = normalizeTicketNumber(id);
    const t = number ? await this.repo.ticketByNumber(this.database.db, number) : undefined;
    if (!t || !(await this.repo.isPublicReport(this.database.db, t.id))) {
      throw new NotFoundException(`no request ${id.slice(0, 40)}`);
    }
    const code = Object.entries(OPEN311_SERVICES).find(([, s]) => s.type === t.type)?.[0] ?? 'other';
    const status = t.status as TicketStatus;
    const expected = t.outageId ? await this.repo.outageRestoreAt(this.database.db, t.outageId) : null;
    return [
      {
        service_request_id: t.number,
        status: isOpenStatus(status) ? 'open' : 'closed',
        status_notes: STATUS_TEXT[status],
        service_code: code,
        requested_datetime: t.createdAt.toISOString(),
        updated_datetime: t.updatedAt.toISOString(),
        ...(expected ? { expected_datetime: expected.toISOString() } : {}),
      },
    ];
  }
}
