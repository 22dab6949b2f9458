import {
  Body,
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
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, StaffRoute } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { BillingRunService } from '../billing-run/billing-run.service';
import {
  AdminInvoiceDto,
  AdminInvoiceListDto,
  BillingRunDetailDto,
  BillingRunDto,
  BillingRunListDto,
  CreateCreditNoteDto,
  StartBillingRunDto,
} from './invoices.dto';
import { InvoicesService } from './invoices.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** Staff: an account's invoices and payments. */
@ApiTags('admin')
@Controller('v1/admin/accounts/:accountId/invoices')
export class AccountInvoicesAdminController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @StaffRoute()
  @ApiOperation({ summary: "An account's invoices with their lines and payment attempts" })
  @ApiOkResponse({ type: AdminInvoiceListDto })
  @ApiProblemResponses(401, 403, 404)
  list(@Param('accountId', uuid) accountId: string): Promise<AdminInvoiceListDto> {
    return this.invoices.listForStaff(accountId);
  }
}

/** Staff: one invoice; retry a failed payment; credit notes (an issued invoice is never edited). */
@ApiTags('admin')
@Controller('v1/admin/invoices')
export class InvoicesAdminController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get(':id')
  @StaffRoute()
  @ApiOperation({ summary: 'An invoice with its lines and payment attempts' })
  @ApiOkResponse({ type: AdminInvoiceDto })
  @ApiProblemResponses(401, 403, 404)
  get(@Param('id', uuid) id: string): Promise<AdminInvoiceDto> {
    return this.invoices.getForStaff(id);
  }

  @Get(':id/invoice.pdf')
  @StaffRoute()
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses(401, 403, 404)
  async pdf(@Param('id', uuid) id: string): Promise<StreamableFile> {
    const f = await this.invoices.pdfForStaff(id, 'invoice');
    return new StreamableFile(f.body, {
      type: 'application/pdf',
      disposition: `attachment; filename="${f.filename}"`,
    });
  }

  @Post(':id/retry')
  @StaffRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Charge an unpaid (declined) invoice again now' })
  @ApiOkResponse({ type: AdminInvoiceDto })
  @ApiProblemResponses(401, 403, 404, 409)
  retry(@Param('id', uuid) id: string, @CurrentUser() staff: AuthUser): Promise<AdminInvoiceDto> {
    return this.invoices.retry(id, staff);
  }

  @Post(':id/credit-notes')
  @StaffRoute('admin')
  @ApiOperation({ summary: 'Issue a credit note correcting the invoice (at most what remains of it)' })
  @ApiCreatedResponse({ type: AdminInvoiceDto, description: 'The credit note' })
  @ApiProblemResponses(401, 403, 404, 422)
  creditNote(
    @Param('id', uuid) id: string,
    @Body() dto: CreateCreditNoteDto,
    @CurrentUser() staff: AuthUser,
  ): Promise<AdminInvoiceDto> {
    return this.invoices.issueCreditNote(id, dto, staff);
  }
}

/** Staff: billing runs (R2.9): start one for a month, watch its progress and failures. */
@ApiTags('admin')
@Controller('v1/admin/billing-runs')
export class BillingRunsAdminController {
  constructor(private readonly runs: BillingRunService) {}

  @Get()
  @StaffRoute()
  @ApiOperation({ summary: 'Billing runs, newest first' })
  @ApiOkResponse({ type: BillingRunListDto })
  @ApiProblemResponses(401, 403)
  list(): Promise<BillingRunListDto> {
    return this.runs.list();
  }

  @Post()
  @StaffRoute('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start the billing run of a month (the worker prices and charges it)' })
  @ApiCreatedResponse({ type: BillingRunDto })
  @ApiProblemResponses(401, 403, 409, 422)
  start(@Body() dto: StartBillingRunDto, @CurrentUser() staff: AuthUser): Promise<BillingRunDto> {
    return this.runs.start(dto.period, dto.kind ?? 'monthly', 'staff', staff.userId);
  }

  @Get(':id')
  @StaffRoute()
  @ApiOperation({ summary: 'A billing run: progress and the declined invoices of its month' })
  @ApiOkResponse({ type: BillingRunDetailDto })
  @ApiProblemResponses(401, 403, 404)
  get(@Param('id', uuid) id: string): Promise<BillingRunDetailDto> {
    return this.runs.get(id);
  }
}
