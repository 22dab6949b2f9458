import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export const DEFAULT_REMINDER_MINUTES = 120;
export const MAX_REMINDER_MINUTES = 1440;

export class ReminderSettingsDto {
  @ApiProperty({
    minimum: 0,
    maximum: MAX_REMINDER_MINUTES,
    example: DEFAULT_REMINDER_MINUTES,
    description:
      'Minutes after the call at which a still unhandled 折り返し必要 inquiry is sent again as a reminder, on the channels that heard of it; 0 turns reminders off',
  })
  callbackReminderMinutes: number;

  @ApiProperty({ description: 'True while the account keeps the default (120 minutes)' })
  isDefault: boolean;
}

export class UpdateReminderSettingsDto {
  @ApiProperty({ minimum: 0, maximum: MAX_REMINDER_MINUTES, example: 120 })
  @IsInt()
  @Min(0)
  @Max(MAX_REMINDER_MINUTES)
  callbackReminderMinutes: number;
}
