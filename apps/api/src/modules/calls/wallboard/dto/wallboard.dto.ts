import { ApiProperty } from '@nestjs/swagger';
import { DESK_STATUSES, type DeskStatus } from '../../desk/desk-states';

export class WallboardOperatorDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ enum: DESK_STATUSES, enumName: 'DeskStatus' }) status: DeskStatus;
  @ApiProperty({ format: 'date-time', description: 'When the operator entered this state' })
  statusSince: string;
  @ApiProperty({ description: 'Whole seconds in this state at serverTime' }) secondsInStatus: number;
  @ApiProperty({ description: "The operator's console is connected (live stream seen within 15 s)" })
  connected: boolean;
}

export class WallboardOperatorCountsDto {
  @ApiProperty({ description: '受付可' }) available: number;
  @ApiProperty({ description: '着信中 (an offer rings for them)' }) offered: number;
  @ApiProperty({ description: '通話中 (hold included)' }) onCall: number;
  @ApiProperty({ description: '後処理' }) wrapUp: number;
  @ApiProperty({ description: '休憩' }) break: number;
  @ApiProperty({ description: '離席' }) away: number;
  @ApiProperty({ description: 'Listed operators whose console is not connected (also counted by state)' })
  disconnected: number;
}

export class WallboardPeriodDto {
  @ApiProperty({
    format: 'date-time',
    description: 'The period holds the calls to customers’ numbers that started at or after this instant',
  })
  from: string;
  @ApiProperty({ description: 'Calls an operator answered (outcome answered)' }) answered: number;
  @ApiProperty({
    description: 'Calls whose caller hung up while waiting or ringing (outcome abandoned), however short',
  })
  abandoned: number;
  @ApiProperty({ description: 'Answered calls with answered_at − started_at ≤ 20 s' })
  answeredWithinTarget: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'answeredWithinTarget ÷ (answered + abandoned), 0..1 to 4 decimals; null when both are 0',
  })
  serviceLevel: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean of answered_at − started_at over answered calls, seconds to 0.1; null when none',
  })
  averageWaitSeconds: number | null;
  @ApiProperty({ description: 'Answered calls that have ended (the talk-time average is over these)' })
  talkedCalls: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Mean of ended_at − answered_at over answered calls that ended (hold included, wrap-up not), seconds to 0.1; null when none',
  })
  averageTalkSeconds: number | null;
}

/**
 * The supervisor wallboard, computed from stored rows (calls, operator_desks) at serverTime.
 * Only calls to customers' numbers (account_id set) count.
 */
export class WallboardDto {
  @ApiProperty({ format: 'date-time', description: 'The instant every figure was computed at' })
  serverTime: string;
  @ApiProperty({ example: '2026-05-01', description: "Today's Japan date (Asia/Tokyo)" }) date: string;
  @ApiProperty({ description: 'Service level target, seconds (20)' }) serviceLevelTargetSeconds: number;
  @ApiProperty({ description: 'Calls waiting now: state waiting or offered (ringing for an operator)' })
  waitingCalls: number;
  @ApiProperty({ description: 'Seconds the longest-waiting of them has waited at serverTime; 0 when none' })
  longestWaitSeconds: number;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When the longest-waiting call started (lets a screen tick the wait); null when none',
  })
  longestWaitingSince: string | null;
  @ApiProperty({
    type: [WallboardOperatorDto],
    description: 'Operators not offline (or offline with a call), by state then longest in state',
  })
  operators: WallboardOperatorDto[];
  @ApiProperty({ type: WallboardOperatorCountsDto }) operatorCounts: WallboardOperatorCountsDto;
  @ApiProperty({ type: WallboardPeriodDto, description: 'Since 00:00 Japan time today' })
  today: WallboardPeriodDto;
  @ApiProperty({ type: WallboardPeriodDto, description: 'The 60 minutes before serverTime' })
  lastHour: WallboardPeriodDto;
}
