import { Body, Controller, Delete, Get, Post, Put, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser, CustomerRoute, SessionOnly } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { CustomerDocumentsService } from './customer-documents.service';
import { NoticeOfTermsService } from './notice-of-terms.service';
import {
  CustomerDocumentDto,
  MyDocumentsDto,
  NoticeAddressDto,
  UpdateNoticeAddressDto,
  UPLOAD_DOCUMENT_SCHEMA,
} from './dto/documents.dto';
import { readDocumentUpload } from './multipart-upload';

/**
 * Customer: my identity documents (本人確認書類, R1.3) and the notice's mailing address (R1.4).
 * Always the caller's own account; files are never downloadable here (only staff read them).
 */
@ApiTags('documents')
@Controller('v1/documents')
export class DocumentsController {
  constructor(
    private readonly documents: CustomerDocumentsService,
    private readonly notice: NoticeOfTermsService,
  ) {}

  @Get()
  @CustomerRoute()
  @ApiOkResponse({ type: MyDocumentsDto, description: 'Accepted kinds, my documents and the review status' })
  @ApiProblemResponses(401, 403, 404)
  list(@CurrentUser() user: AuthUser): Promise<MyDocumentsDto> {
    return this.documents.listMine(user);
  }

  @Post()
  @CustomerRoute()
  @SessionOnly()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_DOCUMENT_SCHEMA as never })
  @ApiCreatedResponse({ type: CustomerDocumentDto, description: 'Stored; it waits for review (owner only)' })
  @ApiProblemResponses(400, 401, 403, 404, 413, 415, 422, 503)
  async upload(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<CustomerDocumentDto> {
    return this.documents.upload(user, await readDocumentUpload(req));
  }

  @Put('notice-address')
  @CustomerRoute()
  @SessionOnly()
  @ApiOkResponse({
    type: NoticeAddressDto,
    description: 'R1.4: the notice goes to this address (owner only)',
  })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  setNoticeAddress(
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdateNoticeAddressDto,
  ): Promise<NoticeAddressDto> {
    return this.notice.updateNoticeAddress(user, dto);
  }

  @Delete('notice-address')
  @CustomerRoute()
  @SessionOnly()
  @ApiOkResponse({ type: NoticeAddressDto, description: "R1.4: the notice goes to the document's address" })
  @ApiProblemResponses(401, 403, 404)
  clearNoticeAddress(@CurrentUser() user: AuthUser): Promise<NoticeAddressDto> {
    return this.notice.clearNoticeAddress(user);
  }
}
