import { Controller, Get, HttpStatus, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffRoute } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { CardsService } from './cards.service';
import { CardDto } from './dto/card.dto';

/** Staff: an account's card, read-only. R1.5: staff can never register or change a card. */
@ApiTags('admin')
@Controller('v1/admin/accounts/:accountId/card')
export class CardsAdminController {
  constructor(private readonly cards: CardsService) {}

  @Get()
  @StaffRoute()
  @ApiOperation({ summary: "An account's card: brand, last 4 digits, expiry (read-only)" })
  @ApiOkResponse({ type: CardDto })
  @ApiProblemResponses(401, 403, 404)
  get(
    @Param('accountId', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) accountId: string,
  ): Promise<CardDto> {
    return this.cards.getCard(accountId);
  }
}
