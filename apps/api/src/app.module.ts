import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditController } from './audit/audit.controller.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { loginThrottleOptions } from './auth/login-throttle.js';
import { CallbacksModule } from './callbacks/callbacks.module.js';
import type { Config } from './config.js';
import { ConfigModule } from './config.module.js';
import { CrewsModule } from './crews/crews.module.js';
import type { DatabaseHandle } from './db/client.js';
import { DatabaseModule } from './db/database.module.js';
import { ClientConfigController, HealthController } from './health/health.controller.js';
import { RealtimeGateway } from './realtime/realtime.gateway.js';
import { RealtimeService } from './realtime/realtime.service.js';
import { DashboardModule } from './reports/dashboard.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SlaModule } from './sla/sla.module.js';
import { StaffController } from './staff/staff.controller.js';
import { StaffRepository } from './staff/staff.repository.js';
import { StaffService } from './staff/staff.service.js';
import { TeamDirectory } from './staff/team-directory.js';
import { TerritoryController } from './territory/territory.controller.js';
import { TerritoryService } from './territory/territory.service.js';
import { WorkOrdersModule } from './tickets/work-orders.module.js';

/** Shared by every feature module: auth, audit, realtime, territory. */
@Module({})
export class CoreModule {
  static register(config: Config): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [
        JwtModule.register({
          secret: config.JWT_SECRET,
          signOptions: { expiresIn: config.JWT_TTL as `${number}h` },
        }),
        ThrottlerModule.forRoot(loginThrottleOptions(config)),
      ],
      controllers: [
        AuthController,
        StaffController,
        AuditController,
        HealthController,
        ClientConfigController,
        TerritoryController,
      ],
      providers: [
        AuthService,
        StaffRepository,
        StaffService,
        TeamDirectory,
        AuditRepository,
        RealtimeService,
        RealtimeGateway,
        TerritoryService,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [
        AuthService,
        AuditRepository,
        RealtimeService,
        TerritoryService,
        StaffRepository,
        TeamDirectory,
        JwtModule,
      ],
    };
  }
}

@Module({})
export class AppModule {
  static register(config: Config, database: DatabaseHandle): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        DatabaseModule.forHandle(database),
        CoreModule.register(config),
        SlaModule.register(config),
        ReportsModule,
        CallbacksModule,
        DashboardModule,
        WorkOrdersModule,
        CrewsModule,
      ],
    };
  }
}
