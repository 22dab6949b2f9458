import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, CustomerRoute, Roles, SessionOnly } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { CardsService } from './cards.service';
import { CardDto, RegisterCardDto } from './dto/card.dto';

/** R1.5: the customer's card (always the account in the token, never one named in the URL). */
@ApiTags('account')
@Controller('v1/account/card')
export class CardController {
  constructor(private readonly cards: CardsService) {}

  @Get()
  @CustomerRoute()
  @ApiOperation({ summary: 'The registered card: brand, last 4 digits, expiry (owner and members)' })
  @ApiOkResponse({ type: CardDto })
  @ApiProblemResponses(401, 403, 404)
  get(@CurrentUser() user: AuthUser): Promise<CardDto> {
    return this.cards.getCard(user.accountId!);
  }

  @Put()
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({
    summary: 'Register or change the card from a provider token (owner only)',
    description:
      "The browser tokenises the card with the provider's /v1/tokens (see GET /payments/config) and sends only the token here.",
  })
  @ApiOkResponse({ type: CardDto, description: 'The card as registered' })
  @ApiProblemResponses(401, 403, 422, 503)
  register(@CurrentUser() user: AuthUser, @Body() dto: RegisterCardDto): Promise<CardDto> {
    return this.cards.registerCard(user, dto.token);
  }
}
