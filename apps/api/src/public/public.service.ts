import { createHmac, randomInt } from 'node:crypto';
import { normalizeTicketNumber, type TicketStatus, type TicketType } from '@gd/domain';
import {
  BadRequestException,
  HttpException,
  HttpStatus,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { StaffRepository } from '../auth/staff.repository.js';
import { CallsService } from '../calls/calls.service.js';
import type { AuthUser } from '../common/auth-user.js';
import { normalizePhone } from '../common/phone.js';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { isMobile } from '../messages/message-rules.js';
import { MessagesService } from '../messages/messages.service.js';
import { MessagesWorker } from '../messages/messages.worker.js';
import { TicketIntakeService } from '../tickets/ticket-intake.service.js';
import { PublicRepository } from './public.repository.js';
import { etaLeft, lastFourMatch, orderSteps, STATUS_TEXT } from './public-order.js';
import { WechatCodeError, WechatOAuth } from './wechat-oauth.js';

const CODE_TTL_MS = 5 * 60_000;
const CODE_GAP_MS = 60_000;
const CODES_PER_HOUR = 5;
const CODE_TRIES = 5;

export interface WebReport {
  phone: string;
  type: TicketType;
  description: string;
  lat: number;
  lng: number;
  address?: string;
  /** A key the same report repeats with (a double submit or a retried Open311 POST makes one order). */
  key: string;
  notes: string;
}

/**
 * The customer's side without an account: one-time codes, reports that become orders like calls do, an order's
 * progress by number and the phone's last four digits, and the outages in force. Nothing personal leaves here.
 */
@Injectable()
export class PublicService {
  constructor(
    @InjectConfig() private readonly config: Config,
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: PublicRepository,
    private readonly staff: StaffRepository,
    private readonly calls: CallsService,
    private readonly tickets: TicketIntakeService,
    private readonly messages: MessagesService,
    private readonly worker: MessagesWorker,
    private readonly wechat: WechatOAuth,
  ) {}

  private hash(phone: string, code: string) {
    return createHmac('sha256', this.config.JWT_SECRET).update(`${phone}:${code}`).digest('hex');
  }

  /** Sends a 6-digit code to a mobile: at most one a minute and five an hour per number. */
  async sendCode(phoneInput: string) {
    const phone = normalizePhone(phoneInput);
    if (!phone || !isMobile(phone)) throw new BadRequestException('phone must be a mainland mobile number');
    const now = new Date();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await inTransaction(this.database.db, async (tx) => {
      const recent = await this.repo.codesSince(tx, phone, new Date(now.getTime() - 3_600_000));
      if (
        recent.count >= CODES_PER_HOUR ||
        (recent.last && now.getTime() - recent.last.getTime() < CODE_GAP_MS)
      ) {
        throw new HttpException(
          '验证码发送过于频繁，请稍后再试 / too many codes: try again later',
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
      const row = await this.repo.insertCode(tx, {
        phone,
        codeHash: this.hash(phone, code),
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      });
      await this.messages.code(tx, phone, code, `code:${row.id}`);
    });
    this.worker.kick();
    return { sent: true, expiresInSeconds: CODE_TTL_MS / 1000 };
  }

  /** Checks and uses up the phone's newest code; a few wrong guesses void it. */
  private async useCode(phone: string, code: string) {
    const ok = await inTransaction(this.database.db, async (tx) => {
      const row = await this.repo.lockLatestCode(tx, phone, new Date());
      if (!row) return false;
      if (row.codeHash !== this.hash(phone, code)) {
        const attempts = row.attempts + 1;
        await this.repo.updateCode(tx, row.id, {
          attempts,
          ...(attempts >= CODE_TRIES ? { usedAt: new Date() } : {}),
        });
        return false;
      }
      await this.repo.updateCode(tx, row.id, { usedAt: new Date() });
      return row.id;
    });
    if (!ok) throw new BadRequestException('验证码错误或已过期 / wrong or expired code');
    return ok;
  }

  wechatAuthorizeUrl(number: string) {
    return { url: this.wechat.authorizeUrl(number) };
  }

  /**
   * The /track page opened inside WeChat: the phone proved by its one-time code, the follower by WeChat's
   * authorisation code; from then on messages to that phone go by WeChat (a later binding replaces it).
   */
  async bindWechat(dto: { phone: string; code: string; oauthCode: string }) {
    const phone = normalizePhone(dto.phone)!;
    // The openid first: a refused WeChat code leaves the one-time code unused for another try.
    const openid = await this.wechat.openidFor(dto.oauthCode).catch((err: unknown) => {
      if (err instanceof WechatCodeError)
        throw new BadRequestException(
          `微信授权已失效，请重新打开页面 / WeChat refused the code (${err.message})`,
        );
      throw err;
    });
    await this.useCode(phone, dto.code);
    await this.repo.bindWechat(this.database.db, phone, openid);
    return { bound: true };
  }

  /** /report: a verified phone's report becomes an order. */
  async report(dto: {
    phone: string;
    code: string;
    type: TicketType;
    description: string;
    lat: number;
    lng: number;
    address?: string;
  }) {
    const phone = normalizePhone(dto.phone)!;
    const codeId = await this.useCode(phone, dto.code);
    return this.createOrder({ ...dto, phone, key: `web:${codeId}`, notes: '网上报修 /report' });
  }

  /**
   * A public report becomes an order like a call does: a `web` call logged by the intake account (the first
   * responder), then the order from it at the reported place (a known outage makes it a child of its master).
   */
  async createOrder(r: WebReport) {
    const intake = await this.staff.findByUsername(this.database.db, this.config.PUBLIC_INTAKE_USERNAME);
    if (!intake || intake.disabled) {
      throw new ServiceUnavailableException(
        'public reports are not being taken: no intake account configured',
      );
    }
    const user: AuthUser = {
      id: intake.id,
      username: intake.username,
      displayName: intake.displayName,
      role: intake.role,
      crewId: intake.crewId,
      district: intake.district,
      team: intake.team,
    };
    const call = await this.calls.create(user, { phone: r.phone, channel: 'web', notes: r.notes });
    const { ticket } = await this.tickets.create(
      user,
      {
        type: r.type,
        description: r.description,
        location: { lat: r.lat, lng: r.lng },
        ...(r.address ? { address: r.address } : {}),
        ...(call.customerId ? { customerId: call.customerId } : {}),
        callId: call.id,
      } as Parameters<TicketIntakeService['create']>[1],
      r.key,
    );
    return { number: ticket.number, status: ticket.status as TicketStatus, createdAt: ticket.createdAt };
  }

  /** An order's progress for whoever knows its number and the last four digits of its phone; 404 otherwise. */
  async track(numberInput: string, digits: string) {
    const number = normalizeTicketNumber(numberInput);
    const notFound = new NotFoundException(
      '没有找到该工单，请核对工单号和手机号后四位 / no such order for these digits',
    );
    if (!number) throw notFound;
    const db = this.database.db;
    const t = await this.repo.ticketByNumber(db, number);
    if (!t) throw notFound;
    const phones = await this.repo.phonesOf(db, t.id, t.customerId);
    if (!phones.some((p) => lastFourMatch(p, digits))) throw notFound;
    const status = t.status as TicketStatus;
    const now = new Date();
    const crew = ['dispatched', 'acknowledged', 'en_route', 'on_site'].includes(status)
      ? await this.repo.activeCrew(db, t.id)
      : undefined;
    const eta = crew && status !== 'on_site' ? etaLeft(crew.etaMinutes, crew.assignedAt, now) : null;
    const restoreAt = t.outageId ? await this.repo.outageRestoreAt(db, t.outageId) : null;
    return {
      number: t.number,
      type: t.type,
      status,
      statusText:
        status === 'en_route' && eta !== null ? `抢修人员在路上，预计 ${eta} 分钟` : STATUS_TEXT[status],
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
      steps: orderSteps(t.type, t),
      ...(crew
        ? {
            crew: {
              name: crew.name,
              ...(eta !== null ? { etaMinutes: eta } : {}),
              // Where the crew is, only while it drives to the customer.
              ...(status === 'en_route' && crew.lat !== null && crew.lng !== null
                ? { position: { lat: crew.lat, lng: crew.lng } }
                : {}),
            },
          }
        : {}),
      ...(restoreAt ? { estimatedRestoreAt: restoreAt.toISOString() } : {}),
    };
  }

  async outages() {
    const rows = await this.repo.activeOutages(this.database.db, new Date());
    return rows.map((o) => ({
      id: o.id,
      kind: o.kind,
      area: o.area,
      startsAt: o.startsAt.toISOString(),
      endsAt: o.endsAt?.toISOString() ?? null,
      estimatedRestoreAt: o.estimatedRestoreAt?.toISOString() ?? null,
      description: o.description,
    }));
  }
}
