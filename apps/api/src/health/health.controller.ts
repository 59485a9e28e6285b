import type { Health } from '@gd/domain';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import { type DatabaseHandle, ping } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDatabase() private readonly database: DatabaseHandle) {}

  /** For load balancers: 200 while this node can reach its database, 503 when it cannot. */
  @Public()
  @Get()
  @ApiOkResponse({ description: '{status, database, migration}' })
  async health(): Promise<Health> {
    try {
      await ping(this.database.db);
    } catch {
      throw new ServiceUnavailableException('database unreachable');
    }
    return { status: 'ok', database: this.database.kind, migration: this.database.migration };
  }
}

/** What the web apps need before login: map tiles, their datum and the business time zone. */
@ApiTags('health')
@Controller('client-config')
export class ClientConfigController {
  constructor(@InjectConfig() private readonly config: Config) {}

  @Public()
  @Get()
  get() {
    return {
      tileUrl: this.config.TILE_URL,
      tileDatum: this.config.TILE_DATUM,
      tileAttribution: this.config.TILE_ATTRIBUTION,
      timeZone: this.config.TZ,
      demo: this.config.demo,
    };
  }
}
