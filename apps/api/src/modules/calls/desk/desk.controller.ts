import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser, SessionOnly, StaffRoute } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { DeskService } from './desk.service';
import { DeskViews } from './desk-views';
import {
  AssignCallDto,
  DeskDto,
  DeskOperatorsDto,
  SetDeskStatusDto,
  SoftphoneTokenDto,
} from './dto/desk.dto';

const uuid404 = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/**
 * The operator's desk (console, issue 14): my state, my softphone's token, and what I do on the call
 * I am talking on. Staff only; an operator acts only on their own offer or call.
 */
@ApiTags('operator')
@Controller('v1/operator/desk')
@SessionOnly()
export class DeskController {
  constructor(
    private readonly desk: DeskService,
    private readonly views: DeskViews,
  ) {}

  @Get()
  @StaffRoute()
  @ApiOkResponse({
    type: DeskDto,
    description: 'My desk: state, and the call ringing, in progress or in wrap-up',
  })
  @ApiProblemResponses(401, 403)
  myDesk(@CurrentUser() user: AuthUser): Promise<DeskDto> {
    return this.desk.myDesk(user);
  }

  @Put('status')
  @StaffRoute()
  @ApiOkResponse({ type: DeskDto })
  @ApiProblemResponses(401, 403, 409, 422)
  setStatus(@CurrentUser() user: AuthUser, @Body() dto: SetDeskStatusDto): Promise<DeskDto> {
    return this.desk.setStatus(user, dto.status);
  }

  @Post('softphone-token')
  @HttpCode(200)
  @StaffRoute()
  @ApiOkResponse({ type: SoftphoneTokenDto, description: 'A short-lived access token for my softphone' })
  @ApiProblemResponses(401, 403)
  softphoneToken(@CurrentUser() user: AuthUser): SoftphoneTokenDto {
    return this.desk.softphoneToken(user);
  }

  @Post('calls/:id/hold')
  @HttpCode(204)
  @StaffRoute()
  @ApiNoContentResponse({ description: 'The caller hears the hold message (保留)' })
  @ApiProblemResponses(401, 403, 404, 409, 503)
  hold(@Param('id', uuid404) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.desk.hold(user, id);
  }

  @Post('calls/:id/resume')
  @HttpCode(204)
  @StaffRoute()
  @ApiNoContentResponse({ description: 'My softphone rings for this call again and picks up by itself' })
  @ApiProblemResponses(401, 403, 404, 409, 503)
  resume(@Param('id', uuid404) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.desk.resume(user, id);
  }

  @Post('calls/:id/hang-up')
  @HttpCode(204)
  @StaffRoute()
  @ApiNoContentResponse({ description: 'The call ends; wrap-up (後処理) starts' })
  @ApiProblemResponses(401, 403, 404, 409, 503)
  hangUp(@Param('id', uuid404) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.desk.hangUp(user, id);
  }

  @Get('operators')
  @StaffRoute('admin')
  @ApiOkResponse({ type: DeskOperatorsDto, description: "Admins: every operator's desk" })
  @ApiProblemResponses(401, 403)
  operators(): Promise<DeskOperatorsDto> {
    return this.views.operators();
  }

  @Post('calls/:id/assign')
  @HttpCode(204)
  @StaffRoute('admin')
  @ApiNoContentResponse({ description: "Admins: the waiting call rings that operator's softphone" })
  @ApiProblemResponses(401, 403, 404, 409, 422, 503)
  assign(@Param('id', uuid404) id: string, @Body() dto: AssignCallDto): Promise<void> {
    return this.desk.assign(id, dto.operatorId);
  }
}
