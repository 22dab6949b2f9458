import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../common/auth/auth.decorators';
import { CardsService } from './cards.service';
import { PaymentsConfigDto } from './dto/card.dto';

/** The payment provider and the accepted brands (R1.5); the card fields come with POST /account/card/setup. */
@ApiTags('payments')
@Controller('v1/payments')
export class PaymentsController {
  constructor(private readonly cards: CardsService) {}

  @Public()
  @Get('config')
  @ApiOperation({
    summary: 'The payment provider, its publishable key and the accepted brands',
  })
  @ApiOkResponse({ type: PaymentsConfigDto })
  config(): PaymentsConfigDto {
    return this.cards.paymentsConfig();
  }
}
