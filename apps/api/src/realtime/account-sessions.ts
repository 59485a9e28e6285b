import { rooms } from '@gd/domain';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuthService } from '../auth/auth.service.js';
import { DomainEventBus } from '../events/event-bus.js';
import { RealtimeService } from './realtime.service.js';

/**
 * Sessions follow their account across nodes: a change (`account.changed`) is told to every node, which reads the
 * account again on its next request; a disabled account, a new role or a new password closes its sockets on every
 * node (the Redis adapter's disconnectSockets).
 */
@Injectable()
export class AccountSessions implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly realtime: RealtimeService,
    private readonly auth: AuthService,
  ) {}

  onModuleInit() {
    this.realtime.onNodeEvent('staff.changed', (id) => this.auth.forgetAccount(id));
    this.events.afterCommit('account.changed', 'realtime: sessions follow the account', (e) => {
      this.realtime.toAllNodes('staff.changed', e.staffId);
      if (e.voidsTokens) this.realtime.disconnect(rooms.user(e.staffId));
    });
  }
}
