import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACCOUNT_STATES, type AccountState } from '@bc/domain';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';

const trimToUndefined = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/**
 * Query of the staff account search: a page, optionally only accounts in one state and/or
 * matching a search text (name, company, a user's e-mail, or the issued number).
 */
export class ListAccountsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ACCOUNT_STATES, enumName: 'AccountState' })
  @IsOptional()
  @IsIn(ACCOUNT_STATES)
  state?: AccountState;

  @ApiPropertyOptional({
    maxLength: 100,
    example: '03-1234-5678',
    description:
      "Part of the account's name, company name or a user's e-mail (case-insensitive), or its issued " +
      'number in any usual notation (03-1234-5678, 0312345678, +81312345678, or a run of its digits)',
  })
  @IsOptional()
  @Transform(trimToUndefined)
  @IsString()
  @MaxLength(100)
  q?: string;
}
