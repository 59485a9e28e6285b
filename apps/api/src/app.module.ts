import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuditController } from './audit/audit.controller.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { CallbacksModule } from './callbacks/callbacks.module.js';
import { CallsModule } from './calls/calls.module.js';
import type { Config } from './config.js';
import { ConfigModule } from './config.module.js';
import { CrewsModule } from './crews/crews.module.js';
import { CustomersModule } from './customers/customers.module.js';
import type { DatabaseHandle } from './db/client.js';
import { DatabaseModule } from './db/database.module.js';
import { DispatchModule } from './dispatch/dispatch.module.js';
import { EventsModule } from './events/events.module.js';
import { GpsModule } from './gps/gps.module.js';
import { ClientConfigController, HealthController } from './health/health.controller.js';
import { MessagesModule } from './messages/messages.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OutagesModule } from './outages/outages.module.js';
import { PublicModule } from './public/public.module.js';
import { RealtimeGateway } from './realtime/realtime.gateway.js';
import { RealtimeService } from './realtime/realtime.service.js';
import { ReportsModule } from './reports/reports.module.js';
import { SlaModule } from './sla/sla.module.js';
import { loadSlaPolicy } from './sla/sla-policy.js';
import { StaffController } from './staff/staff.controller.js';
import { StaffRepository } from './staff/staff.repository.js';
import { StaffService } from './staff/staff.service.js';
import { TeamDirectory } from './staff/team-directory.js';
import { TerritoryController } from './territory/territory.controller.js';
import { TerritoryService } from './territory/territory.service.js';
import { TicketsModule } from './tickets/tickets.module.js';

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

/**
 * The application, its modules in layers (docs/architecture.md): each imports only modules below it, and what
 * follows from a change in a lower module reaches the higher ones as a domain event (events/domain-events.ts).
 */
@Module({})
export class AppModule {
  static register(config: Config, database: DatabaseHandle): DynamicModule {
    // A bad SLA policy file stops the start here, before Nest builds anything (main.ts exits 78).
    loadSlaPolicy(config);
    return {
      module: AppModule,
      imports: [
        // platform
        ConfigModule.forConfig(config),
        DatabaseModule.forHandle(database),
        EventsModule,
        CoreModule.register(config),
        // reference data
        CustomersModule,
        OutagesModule,
        // the SLA clock engine, then orders
        SlaModule,
        TicketsModule,
        // what works on orders
        CallsModule,
        CrewsModule,
        GpsModule,
        // listeners
        DispatchModule,
        CallbacksModule,
        NotificationsModule,
        MessagesModule,
        ReportsModule,
        // the customer's side (public pages, Open311)
        PublicModule,
      ],
    };
  }
}
