import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, CustomerRoute, Roles, SessionOnly } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { CardsService } from './cards.service';
import { CardDto, CardSetupDto, CompleteCardSetupDto } from './dto/card.dto';

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

  @Post('setup')
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({
    summary:
      'Begin registering or changing the card: a SetupIntent and the card fields to confirm it in (owner only)',
    description:
      "The web app shows the provider's card fields (`cardFields`) and confirms the SetupIntent there with `clientSecret` (3-D Secure when the issuer asks), then calls POST /account/card/setup/complete. The card never reaches our API or our page's script.",
  })
  @ApiCreatedResponse({ type: CardSetupDto })
  @ApiProblemResponses(401, 403, 503)
  startSetup(@CurrentUser() user: AuthUser): Promise<CardSetupDto> {
    return this.cards.startSetup(user);
  }

  @Post('setup/complete')
  @HttpCode(200)
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({
    summary: 'Finish registering the card of a confirmed SetupIntent (owner only)',
    description:
      "The API retrieves the SetupIntent and its payment method from the provider (never trusting the browser). Another account's SetupIntent: 404. A failed 3-D Secure: 422 CARD_AUTHENTICATION_FAILED; a brand outside R1.5: 422 CARD_BRAND_NOT_ACCEPTED with the list; not finished yet: 409. Stores the payment method id, brand, last 4 digits and expiry.",
  })
  @ApiOkResponse({ type: CardDto, description: 'The card as registered' })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 503)
  completeSetup(@CurrentUser() user: AuthUser, @Body() dto: CompleteCardSetupDto): Promise<CardDto> {
    return this.cards.completeSetup(user, dto.setupIntentId);
  }
}
