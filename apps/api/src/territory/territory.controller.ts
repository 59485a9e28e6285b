import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsLatitude, IsLongitude } from 'class-validator';
import { Can } from '../auth/auth.decorators.js';
import { TerritoryService } from './territory.service.js';

export class ClassifyQuery {
  @ApiProperty({ example: 28.195 }) @Type(() => Number) @IsLatitude() lat: number;
  @ApiProperty({ example: 112.98 }) @Type(() => Number) @IsLongitude() lng: number;
}

@ApiTags('territory')
@Controller('zones')
export class TerritoryController {
  constructor(private readonly territory: TerritoryService) {}

  @Can('territory.read')
  @Get()
  @ApiOkResponse({ description: 'GeoJSON FeatureCollection of service zones' })
  list() {
    return this.territory.featureCollection();
  }

  @Can('territory.read')
  @Get('classify')
  @ApiOkResponse({ description: '{zoneId, zoneClass, district}' })
  @ApiUnprocessableEntityResponse({ description: 'Outside the territory' })
  classify(@Query() q: ClassifyQuery) {
    return this.territory.classify(q);
  }
}
