import {
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  StreamableFile,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, CustomerRoute, Roles, SessionOnly } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { InvoiceAuthenticationService } from './invoice-authentication.service';
import { InvoiceAuthenticationDto, InvoiceDetailDto, InvoiceListDto } from './invoices.dto';
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
  constructor(
    private readonly invoices: InvoicesService,
    private readonly authentication: InvoiceAuthenticationService,
  ) {}

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

  @Post(':id/authentication')
  @HttpCode(200)
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({
    summary: 'Begin authenticating the payment of an invoice that needs the cardholder (owner only)',
    description:
      "For an `action_required` invoice (the owner was mailed a link to /billing/invoices/{id}/authenticate): confirms the invoice's PaymentIntent with the customer present and answers where to authenticate (`redirectUrl`, or Stripe.js with `clientSecret`). The challenge returns to the page, which then calls …/authentication/complete.",
  })
  @ApiOkResponse({ type: InvoiceAuthenticationDto })
  @ApiProblemResponses(401, 403, 404, 409, 503)
  startAuthentication(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<InvoiceAuthenticationDto> {
    return this.authentication.start(user, id);
  }

  @Post(':id/authentication/complete')
  @HttpCode(200)
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({
    summary: 'Finish: the invoice is paid if the provider says its payment succeeded (owner only)',
    description:
      'Asks the provider (never the browser). Failed authentication: 422 PAYMENT_AUTHENTICATION_FAILED (still unpaid; start again or change the card); not finished: 409 PAYMENT_AUTHENTICATION_INCOMPLETE.',
  })
  @ApiOkResponse({ type: InvoiceDetailDto })
  @ApiProblemResponses(401, 403, 404, 409, 422, 503)
  completeAuthentication(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<InvoiceDetailDto> {
    return this.authentication.complete(user, id);
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
