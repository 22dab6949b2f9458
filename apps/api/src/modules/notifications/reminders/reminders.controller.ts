import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser, CustomerRoute, Roles, SessionOnly } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { ReminderSettingsDto, UpdateReminderSettingsDto } from './reminders.dto';
import { RemindersService } from './reminders.service';

/** R8.2, customers: when an unhandled 折り返し必要 inquiry reminds the team. Everyone reads; owners change it. */
@ApiTags('notifications')
@Controller('v1/notifications/reminder')
@CustomerRoute()
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get()
  @ApiOkResponse({ type: ReminderSettingsDto })
  @ApiProblemResponses(401, 403)
  get(@CurrentUser() user: AuthUser): Promise<ReminderSettingsDto> {
    return this.reminders.settings(user.accountId!);
  }

  @Put()
  @Roles('owner')
  @SessionOnly()
  @ApiOkResponse({ type: ReminderSettingsDto })
  @ApiProblemResponses(401, 403, 422)
  update(
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdateReminderSettingsDto,
  ): Promise<ReminderSettingsDto> {
    return this.reminders.updateSettings(user.accountId!, dto.callbackReminderMinutes);
  }
}
