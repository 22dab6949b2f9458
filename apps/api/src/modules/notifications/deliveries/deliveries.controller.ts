import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser, CustomerRoute } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { EmailNotificationSettingsDto, InquiryDeliveriesDto, InquiryDeliveryDto } from './deliveries.dto';
import { DeliveriesService } from './deliveries.service';

const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** R6.4, customers: each channel's delivery of an inquiry, and sending a failed one again. */
@ApiTags('notifications')
@Controller('v1/inquiries/:id/deliveries')
@CustomerRoute()
export class InquiryDeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @ApiOkResponse({ type: InquiryDeliveriesDto })
  @ApiProblemResponses(401, 403, 404)
  list(@CurrentUser() user: AuthUser, @Param('id', uuid()) id: string): Promise<InquiryDeliveriesDto> {
    return this.deliveries.list(user, id);
  }

  @Post(':deliveryId/resend')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InquiryDeliveryDto, description: 'The delivery, queued again' })
  @ApiProblemResponses(401, 403, 404, 409)
  resend(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid()) id: string,
    @Param('deliveryId', uuid()) deliveryId: string,
  ): Promise<InquiryDeliveryDto> {
    return this.deliveries.resend(user, id, deliveryId);
  }
}

/** R6.1, customers: where inquiry notifications go now. */
@ApiTags('notifications')
@Controller('v1/notifications')
@CustomerRoute()
export class NotificationSettingsController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get('email')
  @ApiOkResponse({ type: EmailNotificationSettingsDto })
  @ApiProblemResponses(401, 403)
  email(@CurrentUser() user: AuthUser): Promise<EmailNotificationSettingsDto> {
    return this.deliveries.emailRecipient(user.accountId!);
  }
}
