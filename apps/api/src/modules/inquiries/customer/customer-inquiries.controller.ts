import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { Readable } from 'node:stream';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser, CustomerRoute } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { CustomerInquiriesService } from './customer-inquiries.service';
import {
  AssignInquiryDto,
  AssigneesDto,
  BulkUpdateInquiryStatusDto,
  CreateCallbackAttemptDto,
  CreateInquiryNoteDto,
  InquiryCallbackAttemptDto,
  InquiryNoteDto,
  BulkUpdateInquiryStatusResultDto,
  InquiryDetailDto,
  InquiryFiltersQuery,
  InquiryPageDto,
  ListInquiriesQuery,
  UpdateInquiryStatusDto,
} from './dto/customer-inquiries.dto';
import { jstDateStamp } from './inquiries-csv';
import { RateLimit } from '../../../common/rate-limit/rate-limit.decorator';

/** R4.2–R4.4, customers (owners, members and API keys): the inquiry list, its status and the CSV. */
@ApiTags('inquiries')
@Controller('v1/inquiries')
@CustomerRoute()
export class CustomerInquiriesController {
  constructor(private readonly inquiries: CustomerInquiriesService) {}

  @Get()
  @ApiOkResponse({ type: InquiryPageDto })
  @ApiProblemResponses(401, 403, 422)
  list(@CurrentUser() user: AuthUser, @Query() query: ListInquiriesQuery): Promise<InquiryPageDto> {
    return this.inquiries.list(user, query);
  }

  @Get('export.csv')
  // Callers' names and numbers: never kept by a shared cache or the browser's.
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'UTF-8 with BOM, CRLF, Japanese headers; every row matching the filters, newest first',
    schema: { type: 'string', format: 'binary' },
  })
  @RateLimit('csvExport')
  @ApiProblemResponses(401, 403, 422)
  exportCsv(@CurrentUser() user: AuthUser, @Query() query: InquiryFiltersQuery): StreamableFile {
    const rows = this.inquiries.exportCsv(user, query);
    return new StreamableFile(Readable.from(rows, { objectMode: false }), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="inquiries-${jstDateStamp(new Date())}.csv"`,
    });
  }

  @Post('status')
  @HttpCode(200)
  @ApiOkResponse({ type: BulkUpdateInquiryStatusResultDto })
  @ApiProblemResponses(401, 403, 422)
  bulkUpdateStatus(
    @CurrentUser() user: AuthUser,
    @Body() dto: BulkUpdateInquiryStatusDto,
  ): Promise<BulkUpdateInquiryStatusResultDto> {
    return this.inquiries.bulkUpdateStatus(user, dto.ids, dto.status);
  }

  @Get('assignees')
  @ApiOkResponse({ type: AssigneesDto, description: 'R8.7: who can be assigned (owners and members)' })
  @ApiProblemResponses(401, 403)
  assignees(@CurrentUser() user: AuthUser): Promise<AssigneesDto> {
    return this.inquiries.assignees(user);
  }

  @Get(':id')
  @ApiOkResponse({ type: InquiryDetailDto })
  @ApiProblemResponses(401, 403, 404)
  detail(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
  ): Promise<InquiryDetailDto> {
    return this.inquiries.detail(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: InquiryDetailDto })
  @ApiProblemResponses(401, 403, 404, 422)
  updateStatus(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @Body() dto: UpdateInquiryStatusDto,
  ): Promise<InquiryDetailDto> {
    return this.inquiries.updateStatus(user, id, dto.status);
  }

  @Put(':id/assignee')
  @ApiOkResponse({ type: InquiryDetailDto, description: 'R8.7: the member looking after it' })
  @ApiProblemResponses(401, 403, 404, 422)
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @Body() dto: AssignInquiryDto,
  ): Promise<InquiryDetailDto> {
    return this.inquiries.assign(user, id, dto.userId);
  }

  @Post(':id/notes')
  @ApiCreatedResponse({ type: InquiryNoteDto, description: 'R8.7: an internal note' })
  @ApiProblemResponses(401, 403, 404, 422)
  addNote(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @Body() dto: CreateInquiryNoteDto,
  ): Promise<InquiryNoteDto> {
    return this.inquiries.addNote(user, id, dto.body);
  }

  @Post(':id/callback-attempts')
  @ApiCreatedResponse({
    type: InquiryCallbackAttemptDto,
    description: 'R8.7: logs a call-back attempt (and, with markHandled, marks the inquiry 対応済み)',
  })
  @ApiProblemResponses(401, 403, 404, 422)
  addCallbackAttempt(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
    @Body() dto: CreateCallbackAttemptDto,
  ): Promise<InquiryCallbackAttemptDto> {
    return this.inquiries.addCallbackAttempt(user, id, dto);
  }
}
