import { Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository.js';

/** The append-only audit trail: every module records into it (supervisors read it through reports/). */
@Module({
  providers: [AuditRepository],
  exports: [AuditRepository],
})
export class AuditModule {}
