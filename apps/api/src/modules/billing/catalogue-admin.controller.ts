import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, StaffRoute } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { CatalogueService } from './catalogue.service';
import { CreatePriceDto, PriceHistoryDto, PriceRowDto } from './dto/catalogue.dto';

/** Staff: the price history, and (admins) new prices for future dates. */
@ApiTags('admin')
@Controller('v1/admin/catalogue')
export class AdminCatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('prices')
  @StaffRoute()
  @ApiOkResponse({ type: PriceHistoryDto, description: 'Every price row, item by item, oldest first' })
  @ApiProblemResponses(401, 403)
  listPrices(): Promise<PriceHistoryDto> {
    return this.catalogue.history();
  }

  @Post('prices')
  @StaffRoute('admin')
  @ApiCreatedResponse({ type: PriceRowDto, description: 'The new price, scheduled from its date' })
  @ApiProblemResponses(401, 403, 409, 422)
  createPrice(@Body() dto: CreatePriceDto, @CurrentUser() user: AuthUser): Promise<PriceRowDto> {
    return this.catalogue.addPrice(dto, user.userId);
  }
}
