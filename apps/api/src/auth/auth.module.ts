import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '../audit/audit.module.js';
import type { Config } from '../config.js';
import { CONFIG } from '../config.module.js';
import { EventsModule } from '../events/events.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { loginThrottleOptions } from './login-throttle.js';
import { StaffRepository } from './staff.repository.js';

/**
 * Who is calling: sign-in (throttled per client, locked per account), tokens, the one guard of every route (roles
 * from the permission table in @gd/domain), and the accounts table (StaffRepository, its one writer).
 */
@Module({
  imports: [
    AuditModule,
    EventsModule,
    JwtModule.registerAsync({
      inject: [CONFIG],
      useFactory: (config: Config) => ({
        secret: config.JWT_SECRET,
        signOptions: { expiresIn: config.JWT_TTL as `${number}h` },
      }),
    }),
    ThrottlerModule.forRootAsync({ inject: [CONFIG], useFactory: loginThrottleOptions }),
  ],
  controllers: [AuthController],
  providers: [AuthService, StaffRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, StaffRepository],
})
export class AuthModule {}
