import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';

/** Staff: which answered calls without an inquiry to list (all, or one Japan month, one account). */
export class UnrecordedCallsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-11', description: 'Only calls that began in this Japan month' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month, YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this account's calls" })
  @IsOptional()
  @IsUUID()
  accountId?: string;
}

/** R2.2: a call an operator answered (so it is counted and billed) for which no inquiry was saved. */
export class UnrecordedCallDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ example: '株式会社サンプル', description: "The account's company name, else its person's" })
  accountName: string;
  @ApiProperty({ example: '03-1234-5678', description: 'The number called (the customer’s)' })
  numberDisplay: string;
  @ApiProperty({ type: String, nullable: true, example: '090-1234-5678', description: 'Null when withheld' })
  callerNumberDisplay: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the call began (its billing month, Japan time)' })
  startedAt: string;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
  @ApiProperty({ format: 'date-time' }) endedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) operatorId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '佐藤 花子' }) operatorName: string | null;
  @ApiProperty({
    example: 95,
    description: 'Seconds from the answer to the end of the call (hold included)',
  })
  durationSeconds: number;
}

export class UnrecordedCallsPageDto {
  @ApiProperty({ type: [UnrecordedCallDto], description: 'Newest call first' }) items: UnrecordedCallDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
