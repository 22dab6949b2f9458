import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { OperatorCallDto } from '../../dto/telephony.dto';
import { CHOSEN_STATUSES, DESK_STATUSES, type ChosenStatus, type DeskStatus } from '../desk-states';

export class SetDeskStatusDto {
  @ApiProperty({
    enum: CHOSEN_STATUSES,
    enumName: 'ChosenDeskStatus',
    description:
      '受付可 (available), 休憩 (break), 離席 (away) or offline. During a call or wrap-up, break, away and available apply after the call.',
  })
  @IsIn(CHOSEN_STATUSES as unknown as string[])
  status: ChosenStatus;
}

export class AssignCallDto {
  @ApiProperty({ format: 'uuid', description: 'The available operator who gets this waiting call' })
  @IsUUID()
  operatorId: string;
}

export class DeskDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: DESK_STATUSES, enumName: 'DeskStatus' }) status: DeskStatus;
  @ApiProperty({ format: 'date-time' }) statusSince: string;
  @ApiProperty({
    enum: ['available', 'break', 'away'],
    description: 'What wrap-up returns to (the operator may ask for a break during a call)',
  })
  afterCall: 'available' | 'break' | 'away';
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) wrapUpUntil: string | null;
  @ApiProperty({ description: 'Seconds of wrap-up (後処理) after a call' }) wrapUpLimitSeconds: number;
  @ApiProperty({ description: 'Seconds an offer rings before it goes to the next operator' })
  offerTimeoutSeconds: number;
  @ApiProperty({ description: 'Missed offers in a row (two set the operator away)' }) missedOffers: number;
  @ApiProperty({ description: 'A console of this operator is connected (its live stream)' })
  connected: boolean;
  @ApiProperty({
    type: OperatorCallDto,
    nullable: true,
    description: 'The call ringing, in progress or in wrap-up',
  })
  call: OperatorCallDto | null;
  @ApiProperty({ format: 'date-time' }) serverTime: string;
}

export class SoftphoneTokenDto {
  @ApiProperty({ enum: ['twilio', 'fake'] }) provider: 'twilio' | 'fake';
  @ApiProperty({ description: 'A Twilio access token (JWT) with a Voice grant for incoming calls' })
  token: string;
  @ApiProperty({ example: 'op_0b8c…' }) identity: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The fake's WebSocket URL for the development softphone; null with Twilio",
  })
  signalingUrl: string | null;
}

export class DeskOperatorDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ enum: DESK_STATUSES, enumName: 'DeskStatus' }) status: DeskStatus;
  @ApiProperty({ format: 'date-time' }) statusSince: string;
  @ApiProperty() connected: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) currentCallId: string | null;
}

export class DeskOperatorsDto {
  @ApiProperty({ type: [DeskOperatorDto] }) items: DeskOperatorDto[];
}

/** One Server-Sent Event `desk.changed` of the operators' stream. */
export class DeskEventDto {
  @ApiProperty({ enum: ['desk.changed'] }) type: 'desk.changed';
  @ApiProperty({ type: DeskDto }) desk: DeskDto;
  @ApiProperty({ format: 'date-time' }) at: string;
}
