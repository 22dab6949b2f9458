import { ApiProperty } from '@nestjs/swagger';

/** R2.2, R8.6: this month's counted calls (answered by an operator, with or without an inquiry). */
export class CurrentMonthUsageDto {
  @ApiProperty({ example: '2026-11', description: 'The calendar month in Japan time' }) month: string;
  @ApiProperty({ format: 'date-time', description: 'Start of the month (Japan), inclusive' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'Start of the next month (Japan), exclusive' }) to: string;
  @ApiProperty({ example: 12, description: 'Counted calls so far this month' }) count: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "Always null here: the plan's allowance, overage and projected bill are at GET /api/v1/billing/usage",
  })
  limit: number | null;
}
