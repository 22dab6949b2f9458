import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { CatalogueService } from './catalogue.service';
import { CatalogueDto, SupportDto } from './dto/catalogue.dto';

/** What anyone may read before signing up: today's prices and how to reach support. */
@ApiTags('catalogue')
@Controller('v1')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Public()
  @Get('catalogue')
  @ApiOkResponse({ type: CatalogueDto, description: 'The prices in force today (Japan date)' })
  @ApiProblemResponses(503)
  getCatalogue(): Promise<CatalogueDto> {
    return this.catalogue.current();
  }

  @Public()
  @Get('support')
  @ApiOkResponse({ type: SupportDto, description: 'The support phone line and its hours (R7.1)' })
  getSupport(): SupportDto {
    return this.catalogue.support();
  }
}
