import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { ActionLinkInquiryDto, ActionLinkResultDto, ActionLinkTokenDto } from './action-links.dto';
import { InquiryActionLinksService } from './inquiry-action-links.service';
import { RateLimit } from '../../../common/rate-limit/rate-limit.decorator';

/** R8.4: the notifications' "mark handled" links, without logging in. POST only (scanners GET). */
@ApiTags('inquiry-links')
@Controller('v1/inquiry-links')
export class InquiryActionLinksController {
  constructor(private readonly links: InquiryActionLinksService) {}

  @Public()
  @Post('preview')
  @RateLimit('signedLinks')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionLinkInquiryDto, description: 'What the link would mark handled' })
  @ApiProblemResponses(404, 409, 410, 422)
  preview(@Body() dto: ActionLinkTokenDto): Promise<ActionLinkInquiryDto> {
    return this.links.preview(dto.token);
  }

  @Public()
  @Post('mark-handled')
  @RateLimit('signedLinks')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionLinkResultDto, description: 'Marked handled; the link is spent' })
  @ApiProblemResponses(404, 409, 410, 422)
  markHandled(@Body() dto: ActionLinkTokenDto): Promise<ActionLinkResultDto> {
    return this.links.markHandled(dto.token);
  }
}
