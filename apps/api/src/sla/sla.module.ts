import { type DynamicModule, Module } from '@nestjs/common';
import type { Config } from '../config.js';
import { EmergenciesRepository } from './emergencies.repository.js';
import { SlaController } from './sla.controller.js';
import { SlaClockService } from './sla-clock.service.js';
import { SlaClocksRepository } from './sla-clocks.repository.js';
import { SlaEmergencyService } from './sla-emergency.service.js';
import { SlaEscalationService } from './sla-escalation.service.js';
import { SlaPauseService } from './sla-pause.service.js';
import { loadSlaPolicy, SLA_POLICY } from './sla-policy.js';

/**
 * SLA clocks of orders: the policy in force, the clocks (started and stopped by the ticket workflow), the
 * escalation scheduler, pauses and area emergencies. Global, so the tickets module injects SlaClockService
 * without importing this module. The policy file is read here, before Nest builds anything: a bad file is a
 * ConfigError (exit 78), not a crash inside the container.
 */
@Module({})
export class SlaModule {
  static register(config: Config): DynamicModule {
    const policy = loadSlaPolicy(config);
    return {
      module: SlaModule,
      global: true,
      controllers: [SlaController],
      providers: [
        { provide: SLA_POLICY, useValue: policy },
        SlaClockService,
        SlaClocksRepository,
        EmergenciesRepository,
        SlaEscalationService,
        SlaEmergencyService,
        SlaPauseService,
      ],
      exports: [SLA_POLICY, SlaClockService, SlaEscalationService, EmergenciesRepository],
    };
  }
}
