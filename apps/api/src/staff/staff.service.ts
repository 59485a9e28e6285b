import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import { AuthService, toAuthUser } from '../auth/auth.service.js';
import { hashPassword } from '../auth/password.js';
import { assertStrongPassword } from '../auth/password-strength.js';
import { StaffRepository, type StaffRow } from '../auth/staff.repository.js';
import { type AuthUser, toUser } from '../common/auth-user.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import type { CreateStaffDto, UpdateStaffDto } from './staff.dto.js';

const view = (row: StaffRow) => toUser({ ...toAuthUser(row), disabled: row.disabled });

@Injectable()
export class StaffService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly staff: StaffRepository,
    private readonly audit: AuditRepository,
    private readonly auth: AuthService,
  ) {}

  async list(role?: string) {
    return (await this.staff.list(this.database.db, { role })).map(view);
  }

  async create(actor: AuthUser, dto: CreateStaffDto) {
    checkCrewLink(dto.role, dto.crewId);
    assertStrongPassword(dto.password, [dto.username, dto.displayName]);
    const passwordHash = await hashPassword(dto.password);
    const created = await this.database.db.transaction(async (tx) => {
      if (await this.staff.findByUsername(tx, dto.username)) {
        throw new ConflictException(`username ${dto.username} is taken`);
      }
      const { password: _, ...fields } = dto;
      const row = await this.staff.insert(tx, { ...fields, passwordHash });
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'staff.create',
        entity: 'staff',
        entityId: row.id,
        after: view(row),
      });
      return view(row);
    });
    await this.auth.accountChanged(created.id);
    return created;
  }

  async update(actor: AuthUser, id: string, dto: UpdateStaffDto) {
    if (dto.password) assertStrongPassword(dto.password, [dto.username ?? '', dto.displayName ?? '']);
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    const updated = await this.database.db.transaction(async (tx) => {
      const before = await this.staff.findById(tx, id);
      if (!before) throw new NotFoundException(`no staff member ${id}`);
      checkCrewLink(dto.role ?? before.role, dto.crewId ?? before.crewId ?? undefined);
      if (
        dto.username &&
        dto.username !== before.username &&
        (await this.staff.findByUsername(tx, dto.username))
      ) {
        throw new ConflictException(`username ${dto.username} is taken`);
      }
      if (actor.id === id && (dto.disabled || (dto.role && dto.role !== before.role))) {
        throw new ConflictException('you cannot disable yourself or change your own role');
      }
      const { password: _, ...fields } = dto;
      const voidsTokens =
        passwordHash !== undefined || dto.disabled === true || (dto.role && dto.role !== before.role);
      const after = await this.staff.update(tx, id, {
        ...fields,
        ...(passwordHash ? { passwordHash } : {}),
        ...(dto.disabled === false ? { failedLogins: 0, lockedUntil: null } : {}),
        ...(voidsTokens ? { tokenVersion: before.tokenVersion + 1 } : {}),
      });
      await this.audit.record(tx, {
        actorId: actor.id,
        action: dto.disabled ? 'staff.disable' : 'staff.update',
        entity: 'staff',
        entityId: id,
        before: view(before),
        after: { ...view(after!), passwordChanged: passwordHash !== undefined },
      });
      return { view: view(after!), voidsTokens: Boolean(voidsTokens) };
    });
    await this.auth.accountChanged(id, { voidsTokens: updated.voidsTokens });
    return updated.view;
  }
}

function checkCrewLink(role: string, crewId: string | undefined) {
  if (role === 'crew' && !crewId) throw new UnprocessableEntityException('a crew account needs a crewId');
  if (role !== 'crew' && crewId)
    throw new UnprocessableEntityException('only crew accounts belong to a crew');
}
