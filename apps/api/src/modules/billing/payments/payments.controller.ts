import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../common/auth/auth.decorators';
import { CardsService } from './cards.service';
import { PaymentsConfigDto } from './dto/card.dto';

/** What the browser needs to tokenise a card with the payment provider directly (R1.5, R7.2). */
@ApiTags('payments')
@Controller('v1/payments')
export class PaymentsController {
  constructor(private readonly cards: CardsService) {}

  @Public()
  @Get('config')
  @ApiOperation({
    summary: 'The payment provider, its publishable key and tokenisation URL, the accepted brands',
  })
  @ApiOkResponse({ type: PaymentsConfigDto })
  config(): PaymentsConfigDto {
    return this.cards.paymentsConfig();
  }
}
