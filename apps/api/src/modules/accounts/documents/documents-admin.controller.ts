import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser, StaffRoute } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { DocumentReviewService } from './document-review.service';
import { NoticeOfTermsService } from './notice-of-terms.service';
import {
  AccountDocumentsDto,
  AdminDocumentDto,
  AdminNoticeDto,
  ATTACH_DOCUMENT_SCHEMA,
  DocumentAccessLogDto,
  DocumentQueuePageDto,
  DocumentQueueQuery,
  RejectDocumentDto,
} from './dto/documents.dto';
import { readDocumentUpload } from './multipart-upload';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** `inline; filename="document.pdf"; filename*=UTF-8''…`: safe for any original name. */
function contentDisposition(filename: string, mimeType: string): string {
  const ext = mimeType === 'application/pdf' ? 'pdf' : mimeType === 'image/png' ? 'png' : 'jpg';
  return `inline; filename="document.${ext}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Staff (back-office admins only; [decided] operators answer calls and never see identity
 * documents): the review queue, the viewer, decisions, documents received by FAX or mail, and the
 * notice of transaction terms (R1.3, R1.4).
 */
@ApiTags('admin')
@Controller('v1/admin')
export class DocumentsAdminController {
  constructor(
    private readonly documents: DocumentReviewService,
    private readonly notice: NoticeOfTermsService,
  ) {}

  @Get('documents')
  @StaffRoute('admin')
  @ApiOkResponse({ type: DocumentQueuePageDto, description: 'Pending documents, oldest first' })
  @ApiProblemResponses(401, 403, 422)
  queue(@Query() query: DocumentQueueQuery): Promise<DocumentQueuePageDto> {
    return this.documents.queue(query.limit, query.cursor);
  }

  @Get('documents/:documentId')
  @StaffRoute('admin')
  @ApiOkResponse({ type: AdminDocumentDto })
  @ApiProblemResponses(401, 403, 404)
  get(@Param('documentId', uuid) documentId: string): Promise<AdminDocumentDto> {
    return this.documents.getForStaff(documentId);
  }

  @Get('documents/:documentId/file')
  @StaffRoute('admin')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({
    description: 'The file, decrypted; every read is written to the access log',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiProblemResponses(401, 403, 404, 503)
  async file(
    @Param('documentId', uuid) documentId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { document, data } = await this.documents.readFile(documentId, user);
    await reply
      .status(200)
      .header('content-type', document.mimeType)
      .header('content-disposition', contentDisposition(document.originalFilename, document.mimeType))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(data);
  }

  @Get('documents/:documentId/access-log')
  @StaffRoute('admin')
  @ApiOkResponse({ type: DocumentAccessLogDto, description: 'Every read of the file, newest first' })
  @ApiProblemResponses(401, 403, 404)
  accessLog(@Param('documentId', uuid) documentId: string): Promise<DocumentAccessLogDto> {
    return this.documents.accessLog(documentId);
  }

  @Post('documents/:documentId/approve')
  @HttpCode(200)
  @StaffRoute('admin')
  @ApiOkResponse({ type: AdminDocumentDto, description: 'Approved; the account moves on (R1.6)' })
  @ApiProblemResponses(401, 403, 404, 409)
  approve(
    @Param('documentId', uuid) documentId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<AdminDocumentDto> {
    return this.documents.approve(documentId, user);
  }

  @Post('documents/:documentId/reject')
  @HttpCode(200)
  @StaffRoute('admin')
  @ApiOkResponse({ type: AdminDocumentDto, description: 'Rejected with a reason the customer sees (R1.6)' })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  reject(
    @Param('documentId', uuid) documentId: string,
    @Body() dto: RejectDocumentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AdminDocumentDto> {
    return this.documents.reject(documentId, user, dto.reason);
  }

  @Get('accounts/:accountId/documents')
  @StaffRoute('admin')
  @ApiOkResponse({ type: AccountDocumentsDto, description: "The account's documents and notice (R1.4)" })
  @ApiProblemResponses(401, 403, 404)
  listForAccount(@Param('accountId', uuid) accountId: string): Promise<AccountDocumentsDto> {
    return this.documents.listForAccount(accountId);
  }

  @Post('accounts/:accountId/documents')
  @StaffRoute('admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: ATTACH_DOCUMENT_SCHEMA as never })
  @ApiCreatedResponse({ type: AdminDocumentDto, description: 'A document received by FAX or mail' })
  @ApiProblemResponses(400, 401, 403, 404, 413, 415, 422, 503)
  async attach(
    @Param('accountId', uuid) accountId: string,
    @CurrentUser() user: AuthUser,
    @Req() req: FastifyRequest,
  ): Promise<AdminDocumentDto> {
    return this.documents.attach(accountId, user, await readDocumentUpload(req));
  }

  @Post('accounts/:accountId/notice-posted')
  @HttpCode(200)
  @StaffRoute('admin')
  @ApiOkResponse({ type: AdminNoticeDto, description: 'R1.4: the notice of transaction terms was posted' })
  @ApiProblemResponses(401, 403, 404, 409)
  noticePosted(
    @Param('accountId', uuid) accountId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<AdminNoticeDto> {
    return this.notice.recordNoticePosted(accountId, user);
  }
}
