import {
  type ArgumentsHost,
  Body,
  Catch,
  Controller,
  type ExceptionFilter,
  Get,
  HttpException,
  Param,
  Post,
  Query,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { Open311KeyQuery, Open311RequestDto } from './open311.dto.js';
import { Open311Service } from './open311.service.js';
import { PublicThrottlerGuard } from './public-throttler.guard.js';

/** Open311 errors are a list of {code, description} (GeoReport v2), whatever went wrong. */
@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse();
    const status = err instanceof HttpException ? err.getStatus() : 500;
    const body = err instanceof HttpException ? (err.getResponse() as { message?: unknown }) : null;
    const message =
      body && typeof body === 'object' ? body.message : err instanceof Error ? err.message : 'error';
    const lines = status === 500 ? ['internal error'] : Array.isArray(message) ? message : [String(message)];
    reply.status(status).send(lines.map((description) => ({ code: status, description })));
  }
}

/** Open311 GeoReport v2 for outside integrations (12345 hotlines, city platforms): no staff token, throttled. */
@ApiTags('open311')
@Public()
@UseGuards(PublicThrottlerGuard)
@UseFilters(Open311ErrorFilter)
@Controller('open311/v2')
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  @ApiOperation({ summary: 'The services a request may be for' })
  @Get('services.json')
  services(@Query() _q: Open311KeyQuery) {
    return this.open311.services();
  }

  @ApiOperation({ summary: 'Report: becomes a work order like a call does' })
  @Post('requests.json')
  create(@Body() dto: Open311RequestDto) {
    return this.open311.create(dto);
  }

  @ApiOperation({ summary: "A request's status (only requests made through the public side)" })
  @Get('requests/:id.json')
  get(@Param('id') id: string, @Query() _q: Open311KeyQuery) {
    return this.open311.get(id);
  }
}
