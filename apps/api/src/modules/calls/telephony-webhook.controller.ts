import { Body, Controller, Headers, HttpCode, Post, Req, Header } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { TwilioVoiceParamsDto } from './dto/telephony.dto';
import { TelephonyWebhookService } from './telephony-webhook.service';

const TWIML = 'text/xml; charset=utf-8';
const twimlResponse = { description: 'TwiML', content: { 'text/xml': { schema: { type: 'string' } } } };

/**
 * Twilio Programmable Voice webhooks (R3.3): public, form-encoded, signed with X-Twilio-Signature
 * (checked against TELEPHONY_PUBLIC_BASE_URL + the path); answers TwiML.
 */
@ApiTags('telephony')
@Controller('v1/telephony')
@Public()
export class TelephonyWebhookController {
  constructor(private readonly telephony: TelephonyWebhookService) {}

  @Post('voice')
  @HttpCode(200)
  @Header('content-type', TWIML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiProduces('text/xml')
  @ApiOkResponse(twimlResponse)
  @ApiProblemResponses(403, 422)
  voice(
    @Req() req: FastifyRequest,
    @Headers('x-twilio-signature') signature: string | undefined,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<string> {
    const params = body ?? {};
    this.telephony.verifySignature(signature, req.url, params);
    return this.telephony.incomingCall(params);
  }

  @Post('status')
  @HttpCode(204)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiNoContentResponse({ description: 'Recorded (or nothing to record)' })
  @ApiProblemResponses(403, 422)
  async status(
    @Req() req: FastifyRequest,
    @Headers('x-twilio-signature') signature: string | undefined,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<void> {
    const params = body ?? {};
    this.telephony.verifySignature(signature, req.url, params);
    await this.telephony.statusCallback(params);
  }

  @Post('queue-wait')
  @HttpCode(200)
  @Header('content-type', TWIML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiProduces('text/xml')
  @ApiOkResponse({ ...twimlResponse, description: 'The hold message, played while the caller waits' })
  @ApiProblemResponses(403)
  queueWait(
    @Req() req: FastifyRequest,
    @Headers('x-twilio-signature') signature: string | undefined,
    @Body() body: Record<string, unknown> | undefined,
  ): string {
    this.telephony.verifySignature(signature, req.url, body ?? {});
    return this.telephony.holdMusic();
  }

  @Post('queue-result')
  @HttpCode(200)
  @Header('content-type', TWIML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiProduces('text/xml')
  @ApiOkResponse({ ...twimlResponse, description: 'What the caller hears when leaving the queue' })
  @ApiProblemResponses(403)
  queueResult(
    @Req() req: FastifyRequest,
    @Headers('x-twilio-signature') signature: string | undefined,
    @Body() body: Record<string, unknown> | undefined,
  ): string {
    const params = body ?? {};
    this.telephony.verifySignature(signature, req.url, params);
    return this.telephony.queueResult(params);
  }
}
