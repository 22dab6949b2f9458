import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, CustomerRoute, Public, Roles, SessionOnly } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import {
  AddNotificationEmailDto,
  ConfirmedNotificationEmailDto,
  ConfirmNotificationEmailDto,
  NotificationEmailDto,
  NotificationEmailsDto,
} from './notification-emails.dto';
import { NotificationEmailsService } from './notification-emails.service';
import { RateLimit } from '../../../common/rate-limit/rate-limit.decorator';

const AddressId = () => Param('addressId', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND }));

/** R6.1, customers: the notification e-mail addresses. Everyone reads; owners, signed in, change them. */
@ApiTags('notifications')
@Controller('v1/notifications/email-addresses')
export class NotificationEmailsController {
  constructor(private readonly emails: NotificationEmailsService) {}

  @Get()
  @CustomerRoute()
  @ApiOkResponse({ type: NotificationEmailsDto })
  @ApiProblemResponses(401, 403)
  list(@CurrentUser() user: AuthUser): Promise<NotificationEmailsDto> {
    return this.emails.list(user.accountId!);
  }

  @Post()
  @Roles('owner')
  @SessionOnly()
  @ApiCreatedResponse({
    type: NotificationEmailDto,
    description: 'Added, waiting for confirmation; the link is mailed',
  })
  @ApiProblemResponses(401, 403, 409, 422)
  add(@CurrentUser() user: AuthUser, @Body() dto: AddNotificationEmailDto): Promise<NotificationEmailDto> {
    return this.emails.add(user.accountId!, user.userId, dto.email);
  }

  @Post(':addressId/resend')
  @Roles('owner')
  @SessionOnly()
  @HttpCode(200)
  @ApiOkResponse({
    type: NotificationEmailDto,
    description: 'A new link is mailed; the previous one stops working',
  })
  @ApiProblemResponses(401, 403, 404, 409, 429)
  resend(@CurrentUser() user: AuthUser, @AddressId() id: string): Promise<NotificationEmailDto> {
    return this.emails.resend(user.accountId!, id);
  }

  @Delete(':addressId')
  @Roles('owner')
  @SessionOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed: no more inquiry mail goes to it' })
  @ApiProblemResponses(401, 403, 404)
  remove(@CurrentUser() user: AuthUser, @AddressId() id: string): Promise<void> {
    return this.emails.remove(user.accountId!, id);
  }
}

/** The mailed link's page POSTs here (public: the recipient need not have a login). */
@ApiTags('notifications')
@Controller('v1/notifications/email-confirmations')
export class NotificationEmailConfirmationsController {
  constructor(private readonly emails: NotificationEmailsService) {}

  @Public()
  @Post()
  @RateLimit('signedLinks')
  @HttpCode(200)
  @ApiOkResponse({
    type: ConfirmedNotificationEmailDto,
    description: 'Confirmed: it receives inquiry mail from now on',
  })
  @ApiProblemResponses(404, 409, 410, 422)
  confirm(@Body() dto: ConfirmNotificationEmailDto): Promise<ConfirmedNotificationEmailDto> {
    return this.emails.confirm(dto.token);
  }
}
