import type { LoginResponse } from '@gd/domain';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditRepository } from '../audit/audit.repository.js';
import { type AuthUser, type TokenPayload, toUser } from '../common/auth-user.js';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { DomainEventBus } from '../events/event-bus.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { StaffRepository, type StaffRow } from './staff.repository.js';

export function toAuthUser(row: StaffRow): AuthUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    crewId: row.crewId,
    district: row.district,
    team: row.team,
  };
}

/** The one answer to a refused login, whatever the reason. */
export const LOGIN_REFUSED = 'wrong username or password, or the account is disabled or locked';

/** How long a node trusts an account it read (a backstop: changes are pushed, see AuthService.accountChanged). */
const ACCOUNT_TTL_MS = 10_000;
/** Verified tokens kept; beyond this the cache starts again (a shift's worth of staff fits many times). */
const MAX_TOKENS = 20_000;

interface Account {
  user: AuthUser;
  tokenVersion: number;
  disabled: boolean;
  loadedAt: number;
}

@Injectable()
export class AuthService {
  /** token → its verified payload: a signature is checked once per token, not once per request. */
  private readonly tokens = new Map<string, { payload: TokenPayload; expiresAt: number }>();
  /** staff id → the account as last read: every request needs it, and it changes rarely. */
  private readonly accounts = new Map<string, Account>();
  /** Bumped by accountChanged, so a read that started before a change never caches the old row. */
  private generation = 0;

  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @InjectConfig() private readonly config: Config,
    private readonly jwt: JwtService,
    private readonly staff: StaffRepository,
    private readonly audit: AuditRepository,
    private readonly events: DomainEventBus,
  ) {}

  /**
   * After an account is created or changes (disabled, role, password, name, team): this node and every other one
   * read it again on its next request, so a disabled account's token stops working at once everywhere.
   */
  async accountChanged(id: string, opts: { voidsTokens?: boolean } = {}) {
    this.forgetAccount(id);
    // The realtime module tells the other nodes and, for a disabled account, a new role or a new password, closes
    // its sockets everywhere (they cannot come back with the old token: its version no longer matches).
    await this.events.raiseCommitted('account.changed', {
      staffId: id,
      voidsTokens: opts.voidsTokens === true,
    });
  }

  /** Reads the account again on its next request (a change made here or told by another node). */
  forgetAccount(id: string) {
    this.generation++;
    this.accounts.delete(id);
  }

  /**
   * One answer for every refusal (unknown user, wrong password, disabled or locked account), after the same scrypt
   * work, so neither the message nor the time tells which accounts exist or are locked. The check is claimed in the
   * database before the hash is computed (StaffRepository.claimLoginCheck): parallel guesses get at most
   * LOGIN_MAX_FAILURES checks.
   */
  async login(username: string, password: string): Promise<LoginResponse> {
    const { db } = this.database;
    const { LOGIN_MAX_FAILURES: max, LOGIN_LOCK_MINUTES: minutes } = this.config;
    const row = await this.staff.claimLoginCheck(db, username, max);
    const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
    if (!row || !ok) {
      const locked = row ? await this.staff.recordLoginFailure(db, row.id, max, minutes) : undefined;
      if (locked) await this.auditLock(locked);
      throw new UnauthorizedException(LOGIN_REFUSED);
    }
    await this.staff.update(db, row.id, { failedLogins: 0, lockedUntil: null });
    const payload: TokenPayload = { sub: row.id, role: row.role, tv: row.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload);
    return { accessToken, user: toUser(toAuthUser(row)) };
  }

  private async auditLock(row: StaffRow) {
    await this.audit.record(this.database.db, {
      actorId: null,
      action: 'staff.locked',
      entity: 'staff',
      entityId: row.id,
      after: { failedLogins: row.failedLogins, lockedUntil: row.lockedUntil },
    });
  }

  /** Verifies a bearer token and returns the live account behind it (disabled accounts and old tokens fail). */
  async authenticate(token: string | undefined): Promise<AuthUser> {
    if (!token) throw new UnauthorizedException('missing bearer token');
    const payload = await this.verify(token);
    const account = await this.account(payload.sub);
    if (!account || account.disabled || account.tokenVersion !== payload.tv) {
      throw new UnauthorizedException('token no longer valid');
    }
    return account.user;
  }

  private async verify(token: string): Promise<TokenPayload> {
    const now = Date.now();
    const known = this.tokens.get(token);
    if (known && known.expiresAt > now) return known.payload;
    let payload: TokenPayload & { exp?: number };
    try {
      payload = await this.jwt.verifyAsync<TokenPayload & { exp?: number }>(token);
    } catch {
      this.tokens.delete(token);
      throw new UnauthorizedException('invalid or expired token');
    }
    if (this.tokens.size >= MAX_TOKENS) this.tokens.clear();
    this.tokens.set(token, { payload, expiresAt: payload.exp ? payload.exp * 1000 : now + ACCOUNT_TTL_MS });
    return payload;
  }

  private async account(id: string): Promise<Account | null> {
    const known = this.accounts.get(id);
    if (known && Date.now() - known.loadedAt < ACCOUNT_TTL_MS) return known;
    const generation = this.generation;
    const row = await this.staff.findById(this.database.db, id);
    if (!row) return null;
    const account = {
      user: toAuthUser(row),
      tokenVersion: row.tokenVersion,
      disabled: row.disabled,
      loadedAt: Date.now(),
    };
    if (generation === this.generation) this.accounts.set(id, account);
    return account;
  }
}
