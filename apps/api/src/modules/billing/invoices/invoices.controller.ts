import { Controller, Get, Header, HttpStatus, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, CustomerRoute } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { InvoiceDetailDto, InvoiceListDto } from './invoices.dto';
import { InvoicesService, type PdfFile } from './invoices.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });
const pdfFile = (f: PdfFile) =>
  new StreamableFile(f.body, {
    type: 'application/pdf',
    disposition: `attachment; filename="${f.filename}"`,
  });

/** R2.8: 請求一覧, the account's invoices and their PDFs (owners and members; the token's account only). */
@ApiTags('billing')
@Controller('v1/billing/invoices')
@CustomerRoute()
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @ApiOperation({ summary: 'Every invoice of the account, newest first, with its state' })
  @ApiOkResponse({ type: InvoiceListDto })
  @ApiProblemResponses(401, 403)
  list(@CurrentUser() user: AuthUser): Promise<InvoiceListDto> {
    return this.invoices.listForCustomer(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One invoice with its lines' })
  @ApiOkResponse({ type: InvoiceDetailDto })
  @ApiProblemResponses(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<InvoiceDetailDto> {
    return this.invoices.getForCustomer(user, id);
  }

  @Get(':id/invoice.pdf')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The qualified invoice (適格請求書) as a PDF, rendered now' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses(401, 403, 404)
  async invoicePdf(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<StreamableFile> {
    return pdfFile(await this.invoices.pdfForCustomer(user, id, 'invoice'));
  }

  @Get(':id/receipt.pdf')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The receipt (領収書) of a paid invoice as a PDF' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses(401, 403, 404)
  async receiptPdf(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<StreamableFile> {
    return pdfFile(await this.invoices.pdfForCustomer(user, id, 'receipt'));
  }
}
