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
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, CustomerRoute } from '../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import {
  MemoHistoryDto,
  MemoHistoryQuery,
  MemoOverviewDto,
  MemoVersionDto,
  RefileMemoDto,
  SubmitAnnouncementDto,
  SubmitMemoDto,
  SubmitQaDto,
} from './dto/memos.dto';
import { MemosService } from './memos.service';

const uuid404 = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/**
 * R5.1–R5.5, R3.6, R8.8, customers: the answer memo, Q&A and out-of-hours announcement. Pressing
 * 「登録する」 files a version for review; only approved versions ever reach operators or callers.
 */
@ApiTags('memos')
@Controller('v1/memos')
export class MemosController {
  constructor(private readonly memos: MemosService) {}

  @Get()
  @CustomerRoute()
  @ApiOkResponse({ type: MemoOverviewDto, description: 'Live, pending and rejected versions of each kind' })
  @ApiProblemResponses(401, 403)
  overview(@CurrentUser() user: AuthUser): Promise<MemoOverviewDto> {
    return this.memos.overview(user);
  }

  @Post('memo')
  @CustomerRoute()
  @ApiCreatedResponse({ type: MemoVersionDto, description: 'Filed for review; replaces a pending one' })
  @ApiProblemResponses(401, 403, 422, 429)
  submitMemo(@CurrentUser() user: AuthUser, @Body() dto: SubmitMemoDto): Promise<MemoVersionDto> {
    return this.memos.submitMemo(user, dto);
  }

  @Post('qa')
  @CustomerRoute()
  @ApiCreatedResponse({ type: MemoVersionDto, description: 'The whole Q&A set, filed for review' })
  @ApiProblemResponses(401, 403, 422, 429)
  submitQa(@CurrentUser() user: AuthUser, @Body() dto: SubmitQaDto): Promise<MemoVersionDto> {
    return this.memos.submitQa(user, dto);
  }

  @Post('announcement')
  @CustomerRoute()
  @ApiCreatedResponse({
    type: MemoVersionDto,
    description: 'The out-of-hours announcement, filed for review',
  })
  @ApiProblemResponses(401, 403, 422, 429)
  submitAnnouncement(
    @CurrentUser() user: AuthUser,
    @Body() dto: SubmitAnnouncementDto,
  ): Promise<MemoVersionDto> {
    return this.memos.submitAnnouncement(user, dto);
  }

  @Get('history')
  @CustomerRoute()
  @ApiOkResponse({ type: MemoHistoryDto })
  @ApiProblemResponses(401, 403, 422)
  history(@CurrentUser() user: AuthUser, @Query() query: MemoHistoryQuery): Promise<MemoHistoryDto> {
    return this.memos.history(user, query.kind);
  }

  @Post('versions/:id/refile')
  @CustomerRoute()
  @ApiCreatedResponse({ type: MemoVersionDto, description: 'An earlier approved version, filed again' })
  @ApiProblemResponses(401, 403, 404, 422, 429)
  refile(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid404) id: string,
    @Body() dto: RefileMemoDto,
  ): Promise<MemoVersionDto> {
    return this.memos.refile(user, id, dto);
  }

  @Delete('versions/:id')
  @HttpCode(204)
  @CustomerRoute()
  @ApiNoContentResponse({ description: 'The pending version is withdrawn' })
  @ApiProblemResponses(401, 403, 404, 409)
  async withdraw(@CurrentUser() user: AuthUser, @Param('id', uuid404) id: string): Promise<void> {
    await this.memos.withdraw(user, id);
  }
}
