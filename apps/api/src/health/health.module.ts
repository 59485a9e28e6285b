import { Module } from '@nestjs/common';
import { ClientConfigController, HealthController } from './health.controller.js';

/** Health (for load balancers) and the apps' client configuration. */
@Module({ controllers: [HealthController, ClientConfigController] })
export class HealthModule {}
