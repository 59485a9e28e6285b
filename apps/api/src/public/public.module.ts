import { Module, type OnModuleInit } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { sharedThrottlerStorage } from '../auth/db-throttler-storage.js';
import { CallsModule } from '../calls/calls.module.js';
import type { Config } from '../config.js';
import { CONFIG, InjectConfig } from '../config.module.js';
import type { DatabaseHandle } from '../db/client.js';
import { DATABASE } from '../db/database.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { Open311Controller } from './open311.controller.js';
import { Open311Service } from './open311.service.js';
import { PublicController } from './public.controller.js';
import { PublicRepository } from './public.repository.js';
import { PublicService } from './public.service.js';
import { PublicThrottlerGuard } from './public-throttler.guard.js';
import { WechatOAuth } from './wechat-oauth.js';

/**
 * Public pages' API and Open311 GeoReport v2: reports that become orders, tracking, outages. Throttled here and
 * only here (staff routes are not), per client.
 */
@Module({
  imports: [
    StaffModule,
    TicketsModule,
    CallsModule,
    MessagesModule,
    ThrottlerModule.forRootAsync({
      inject: [CONFIG, DATABASE],
      useFactory: (config: Config, database: DatabaseHandle) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.PUBLIC_RATE_LIMIT_PER_MINUTE }],
        // Shared by every node: a client behind a balancer gets the limit once, not once per node.
        storage: sharedThrottlerStorage(config, database, 'public-throttle'),
      }),
    }),
  ],
  controllers: [PublicController, Open311Controller],
  providers: [PublicRepository, PublicService, Open311Service, PublicThrottlerGuard, WechatOAuth],
})
export class PublicModule implements OnModuleInit {
  constructor(@InjectConfig() private readonly config: Config) {}

  onModuleInit() {
    PublicThrottlerGuard.apiKeys = this.config.OPEN311_API_KEYS;
    PublicThrottlerGuard.codesPerMinute = this.config.PUBLIC_CODES_PER_MINUTE;
  }
}
