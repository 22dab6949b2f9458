import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, StaffRoute } from '../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { QueueDashboardService } from './queue-dashboard.service';

export class QueueDashboardTicketDto {
  @ApiProperty({
    description:
      'Open this path on the API origin within a minute (once): it sets the dashboard cookie and redirects to the dashboard',
    example: '/api/v1/admin/queues/enter?ticket=…',
  })
  url!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

/** Admins: a one-time ticket into the queue dashboard (Bull Board, mounted at /api/v1/admin/queues). */
@ApiTags('admin')
@Controller('v1/admin/queues')
export class QueueDashboardController {
  constructor(private readonly dashboard: QueueDashboardService) {}

  @Post('ticket')
  @StaffRoute('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: QueueDashboardTicketDto })
  @ApiProblemResponses(401, 403, 503)
  ticket(@CurrentUser() user: AuthUser): Promise<QueueDashboardTicketDto> {
    return this.dashboard.mintTicket(user.userId);
  }
}
