import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, StaffRoute } from '../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { RecordedInquiryDto, RecordInquiryDto } from '../inquiries/recording/dto/record-inquiry.dto';
import { CallsStreamService } from './calls-stream.service';
import { CallEventDto, OperatorCallsDto, ScreenPopDto } from './dto/telephony.dto';
import { OperatorCallsService } from './operator-calls.service';
import { DeskDispatcher } from './desk/dispatcher.service';

const uuid404 = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** R3.4, operators (console): the live queue, its event stream, claiming a call, the screen pop. */
@ApiTags('operator')
@ApiExtraModels(CallEventDto)
@Controller('v1/operator/calls')
export class OperatorCallsController {
  constructor(
    private readonly calls: OperatorCallsService,
    private readonly stream: CallsStreamService,
    private readonly dispatcher: DeskDispatcher,
  ) {}

  @Get()
  @StaffRoute()
  @ApiOkResponse({ type: OperatorCallsDto, description: 'Waiting calls (oldest first) and the calls I hold' })
  @ApiProblemResponses(401, 403)
  list(@CurrentUser() user: AuthUser): Promise<OperatorCallsDto> {
    return this.calls.list(user);
  }

  @Get('stream')
  @StaffRoute()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: `Server-Sent Events, pushed as they happen in any API process: \`event: call.waiting | call.claimed | call.ended\` with \`data:\` a CallEventDto (${getSchemaPath(CallEventDto)}); a \`: heartbeat\` comment every 15 s. Read it with fetch and the Authorization header; after a reconnection, fetch GET /v1/operator/calls again.`,
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiProblemResponses(401, 403, 503)
  async events(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    await this.stream.serve(req, reply, user);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @StaffRoute()
  @ApiOkResponse({ type: ScreenPopDto, description: 'The call is mine: its screen pop' })
  @ApiProblemResponses(401, 403, 404, 409)
  claim(@Param('id', uuid404) id: string, @CurrentUser() user: AuthUser): Promise<ScreenPopDto> {
    return this.calls.claim(id, user);
  }

  @Get(':id/screen-pop')
  @StaffRoute()
  @ApiOkResponse({ type: ScreenPopDto, description: 'The screen pop of a call I hold' })
  @ApiProblemResponses(401, 403, 404)
  screenPop(@Param('id', uuid404) id: string, @CurrentUser() user: AuthUser): Promise<ScreenPopDto> {
    return this.calls.screenPop(id, user);
  }

  @Post(':id/inquiry')
  @StaffRoute()
  @ApiCreatedResponse({
    type: RecordedInquiryDto,
    description: 'R4.1: the inquiry of a call I took (one per call; it is the counted call, R2.2)',
  })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  async recordInquiry(
    @Param('id', uuid404) id: string,
    @CurrentUser() user: AuthUser,
    @Body() dto: RecordInquiryDto,
  ): Promise<RecordedInquiryDto> {
    const inquiry = await this.calls.recordInquiry(id, user, dto);
    // Saving the inquiry ends the operator's wrap-up (後処理) for this call.
    await this.dispatcher.inquiryRecorded(user.userId, id);
    return inquiry;
  }
}
