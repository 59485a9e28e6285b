import type { LoginResponse } from '@gd/domain';
import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditRepository } from '../audit/audit.repository.js';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { StaffRepository, type StaffRow } from '../staff/staff.repository.js';
import { type AuthUser, type TokenPayload, toUser } from './auth-user.js';
import { DUMMY_HASH, verifyPassword } from './password.js';

export function toAuthUser(row: StaffRow): AuthUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    crewId: row.crewId,
    district: row.district,
  };
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @InjectConfig() private readonly config: Config,
    private readonly jwt: JwtService,
    private readonly staff: StaffRepository,
    private readonly audit: AuditRepository,
  ) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const { db } = this.database;
    const row = await this.staff.findByUsername(db, username);
    if (row?.lockedUntil && row.lockedUntil > new Date()) {
      throw new HttpException(
        `too many failed logins: account locked until ${row.lockedUntil.toISOString()}`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
    if (!row || !ok || row.disabled) {
      if (row && !ok) await this.countFailure(row);
      throw new UnauthorizedException('wrong username or password, or the account is disabled');
    }
    if (row.failedLogins > 0 || row.lockedUntil) {
      await this.staff.update(db, row.id, { failedLogins: 0, lockedUntil: null });
    }
    const payload: TokenPayload = { sub: row.id, role: row.role, tv: row.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload);
    return { accessToken, user: toUser(toAuthUser(row)) };
  }

  private async countFailure(row: StaffRow) {
    await this.database.db.transaction(async (tx) => {
      const after = await this.staff.recordFailedLogin(
        tx,
        row.id,
        this.config.LOGIN_MAX_FAILURES,
        this.config.LOGIN_LOCK_MINUTES,
      );
      if (after?.lockedUntil && (!row.lockedUntil || after.lockedUntil > row.lockedUntil)) {
        await this.audit.record(tx, {
          actorId: null,
          action: 'staff.locked',
          entity: 'staff',
          entityId: row.id,
          before: { failedLogins: row.failedLogins },
          after: { failedLogins: after.failedLogins, lockedUntil: after.lockedUntil },
        });
      }
    });
  }

  /** Verifies a bearer token and returns the live account behind it (disabled accounts and old tokens fail). */
  async authenticate(token: string | undefined): Promise<AuthUser> {
    if (!token) throw new UnauthorizedException('missing bearer token');
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new UnauthorizedException('invalid or expired token');
    }
    const row = await this.staff.findById(this.database.db, payload.sub);
    if (!row || row.disabled || row.tokenVersion !== payload.tv) {
      throw new UnauthorizedException('token no longer valid');
    }
    return toAuthUser(row);
  }
}
