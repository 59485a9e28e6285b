import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
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
import { HealthModule } from './health/health.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OutagesModule } from './outages/outages.module.js';
import { PublicModule } from './public/public.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SlaModule } from './sla/sla.module.js';
import { loadSlaPolicy } from './sla/sla-policy.js';
import { StaffModule } from './staff/staff.module.js';
import { TerritoryModule } from './territory/territory.module.js';
import { TicketsModule } from './tickets/tickets.module.js';

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
        AuditModule,
        AuthModule,
        RealtimeModule,
        HealthModule,
        // reference data
        TerritoryModule,
        StaffModule,
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
