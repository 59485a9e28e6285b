import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import type { Config } from '../config.js';
import { CONFIG } from '../config.module.js';
import { EventsModule } from '../events/events.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { EmergenciesRepository } from './emergencies.repository.js';
import { SlaController } from './sla.controller.js';
import { SlaClockService } from './sla-clock.service.js';
import { SlaClocksRepository } from './sla-clocks.repository.js';
import { SlaEmergencyService } from './sla-emergency.service.js';
import { SlaEscalationService } from './sla-escalation.service.js';
import { loadSlaPolicy, SLA_POLICY } from './sla-policy.js';
import { SlaSocketsListener } from './sla-sockets.listener.js';

/**
 * The SLA clock engine: the policy in force, the clocks (started and stopped as orders move), the escalation
 * scheduler and area emergencies. The policy file is checked once before Nest builds anything
 * (AppModule.register), so a bad file is a ConfigError (exit 78); here it is read for injection.
 */
@Module({
  imports: [AuditModule, EventsModule, RealtimeModule],
  controllers: [SlaController],
  providers: [
    { provide: SLA_POLICY, useFactory: (config: Config) => loadSlaPolicy(config), inject: [CONFIG] },
    SlaClockService,
    SlaClocksRepository,
    EmergenciesRepository,
    SlaEscalationService,
    SlaEmergencyService,
    SlaSocketsListener,
  ],
  exports: [SLA_POLICY, SlaClockService, SlaEscalationService, EmergenciesRepository],
})
export class SlaModule {}
