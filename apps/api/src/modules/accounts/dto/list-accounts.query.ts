import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ACCOUNT_STATES, type AccountState } from '@bc/domain';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';

/** Query of the staff account list: a page, optionally only accounts in one state. */
export class ListAccountsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ACCOUNT_STATES, enumName: 'AccountState' })
  @IsOptional()
  @IsIn(ACCOUNT_STATES)
  state?: AccountState;
}
