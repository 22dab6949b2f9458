import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, StaffRoute } from '../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { MemoReviewQueueDto, MemoVersionDto, RejectMemoDto } from './dto/memos.dto';
import { MemosService } from './memos.service';

const uuid404 = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/**
 * Staff ([decided] back-office admins only, as for identity documents; operators answer calls with
 * what admins approved): one review queue for memos, Q&A and announcements, and the decisions.
 */
@ApiTags('admin')
@Controller('v1/admin/memo-reviews')
export class MemosAdminController {
  constructor(private readonly memos: MemosService) {}

  @Get()
  @StaffRoute('admin')
  @ApiOkResponse({
    type: MemoReviewQueueDto,
    description: 'Pending versions, oldest first, with the live one',
  })
  @ApiProblemResponses(401, 403)
  queue(): Promise<MemoReviewQueueDto> {
    return this.memos.queue();
  }

  @Post(':id/approve')
  @HttpCode(200)
  @StaffRoute('admin')
  @ApiOkResponse({ type: MemoVersionDto, description: 'Approved: live now, or in its window (R8.8)' })
  @ApiProblemResponses(401, 403, 404, 409)
  approve(@Param('id', uuid404) id: string, @CurrentUser() user: AuthUser): Promise<MemoVersionDto> {
    return this.memos.approve(id, user);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @StaffRoute('admin')
  @ApiOkResponse({ type: MemoVersionDto, description: 'Rejected with a reason the customer sees' })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  reject(
    @Param('id', uuid404) id: string,
    @CurrentUser() user: AuthUser,
    @Body() dto: RejectMemoDto,
  ): Promise<MemoVersionDto> {
    return this.memos.reject(id, user, dto.reason);
  }
}
