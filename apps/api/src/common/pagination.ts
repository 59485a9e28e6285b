import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize = 50;
}

/** How many rows a newest-first list (messages, notices) returns when the query names no `limit`. */
export const LIST_LIMIT_DEFAULT = 100;

/** The `limit` of a newest-first list: a whole number from 1 to 500, LIST_LIMIT_DEFAULT when left out. */
export const ListLimit = () =>
  applyDecorators(
    ApiPropertyOptional({ default: LIST_LIMIT_DEFAULT, minimum: 1, maximum: 500 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(500),
  );
