import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ActionLinkTokenDto {
  @ApiProperty({ description: 'The token from the link (after #)', maxLength: 1000 })
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  token: string;
}

/** What the link's page shows before and after it is used: enough to recognise the call. */
export class ActionLinkInquiryDto {
  @ApiProperty({ format: 'uuid' }) inquiryId: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty() callerName: string;
  @ApiProperty({ type: String, nullable: true }) callerCompany: string | null;
  @ApiProperty() callbackRequired: boolean;
  @ApiProperty() urgent: boolean;
  @ApiProperty({ enum: ['unhandled', 'handled'] }) status: 'unhandled' | 'handled';
  @ApiProperty({ format: 'date-time', description: 'Until when the link works' }) expiresAt: string;
}

export class ActionLinkResultDto extends ActionLinkInquiryDto {
  @ApiProperty({ description: 'False when the inquiry was already handled (by someone else)' })
  changed: boolean;
}
