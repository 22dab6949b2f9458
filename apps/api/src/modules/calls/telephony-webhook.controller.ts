import { Body, Controller, Header, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { TwilioVoiceParamsDto } from './dto/telephony.dto';
import { TelephonyWebhookService } from './telephony-webhook.service';
import { DomainError } from '../../common/errors/domain-error';
import { DeskDispatcher } from './desk/dispatcher.service';
import { TwilioSignatureGuard } from './twilio-signature.guard';
import { formValue } from './twilio-webhook';

const TWIML = 'text/xml; charset=utf-8';
const twimlResponse = { description: 'TwiML', content: { 'text/xml': { schema: { type: 'string' } } } };

/**
 * Twilio Programmable Voice webhooks (R3.3): public, form-encoded, signed with X-Twilio-Signature
 * (checked by TwilioSignatureGuard against TELEPHONY_PUBLIC_BASE_URL + the path); answers TwiML.
 */
@ApiTags('telephony')
@Controller('v1/telephony')
@Public()
@UseGuards(TwilioSignatureGuard)
export class TelephonyWebhookController {
  constructor(
    private readonly telephony: TelephonyWebhookService,
    private readonly dispatcher: DeskDispatcher,
  ) {}

  @Post('voice')
  @HttpCode(200)
  @Header('content-type', TWIML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiProduces('text/xml')
  @ApiOkResponse(twimlResponse)
  @ApiProblemResponses(403, 422)
  voice(@Body() body: Record<string, unknown> | undefined): Promise<string> {
    return this.telephony.incomingCall(body ?? {});
  }

  @Post('status')
  @HttpCode(204)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiNoContentResponse({ description: 'Recorded (or nothing to record)' })
  @ApiProblemResponses(403, 422)
  async status(@Body() body: Record<string, unknown> | undefined): Promise<void> {
    await this.telephony.statusCallback(body ?? {});
  }

  @Post('queue-wait')
  @HttpCode(200)
  @Header('content-type', TWIML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiProduces('text/xml')
  @ApiOkResponse({ ...twimlResponse, description: 'The hold message, played while the caller waits' })
  @ApiProblemResponses(403)
  async queueWait(@Body() body: Record<string, unknown> | undefined): Promise<string> {
    return this.telephony.callerWaiting(body ?? {});
  }

  @Post('queue-result')
  @HttpCode(200)
  @Header('content-type', TWIML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiProduces('text/xml')
  @ApiOkResponse({ ...twimlResponse, description: 'What the caller hears when leaving the queue' })
  @ApiProblemResponses(403)
  queueResult(@Body() body: Record<string, unknown> | undefined): string {
    return this.telephony.queueResult(body ?? {});
  }

  // ---- the operators' desk (issue 14): TwiML and callbacks of the leg that rings an operator ----

  @Post('connect')
  @HttpCode(200)
  @Header('content-type', TWIML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiQuery({ name: 'callId', format: 'uuid' })
  @ApiQuery({ name: 'offerId', format: 'uuid' })
  @ApiQuery({ name: 'resume', required: false, enum: ['1'] })
  @ApiProduces('text/xml')
  @ApiOkResponse({ ...twimlResponse, description: "Dials the offered operator's softphone" })
  @ApiProblemResponses(403, 422)
  connect(@Req() req: FastifyRequest): Promise<string> {
    const { callId, offerId } = deskQuery(req);
    return this.dispatcher.connectTwiml(callId, offerId, queryValue(req, 'resume') === '1');
  }

  @Post('dial-result')
  @HttpCode(200)
  @Header('content-type', TWIML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiQuery({ name: 'callId', format: 'uuid' })
  @ApiQuery({ name: 'offerId', format: 'uuid' })
  @ApiProduces('text/xml')
  @ApiOkResponse({
    ...twimlResponse,
    description: 'After the dial: hang up, or back to the queue when unanswered',
  })
  @ApiProblemResponses(403, 422)
  dialResult(@Req() req: FastifyRequest, @Body() body: Record<string, unknown> | undefined): Promise<string> {
    const params = body ?? {};
    const { callId, offerId } = deskQuery(req);
    return this.dispatcher.dialResult(
      callId,
      offerId,
      formValue(params, 'DialCallStatus'),
      formValue(params, 'CallStatus'),
    );
  }

  @Post('client-status')
  @HttpCode(204)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiQuery({ name: 'callId', format: 'uuid' })
  @ApiQuery({ name: 'offerId', format: 'uuid' })
  @ApiNoContentResponse({ description: "The operator's leg: ringing, answered, completed or unanswered" })
  @ApiProblemResponses(403, 422)
  async clientStatus(
    @Req() req: FastifyRequest,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<void> {
    const params = body ?? {};
    const { callId, offerId } = deskQuery(req);
    await this.dispatcher.clientStatus(
      callId,
      offerId,
      formValue(params, 'CallStatus'),
      formValue(params, 'CallSid'),
    );
  }

  @Post('on-hold')
  @HttpCode(200)
  @Header('content-type', TWIML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiQuery({ name: 'callId', format: 'uuid' })
  @ApiProduces('text/xml')
  @ApiOkResponse({ ...twimlResponse, description: 'The hold message, in a loop (保留)' })
  @ApiProblemResponses(403, 422)
  onHold(@Req() req: FastifyRequest): string {
    return this.dispatcher.onHoldTwiml(uuidQuery(req, 'callId'));
  }

  @Post('requeue')
  @HttpCode(200)
  @Header('content-type', TWIML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioVoiceParamsDto })
  @ApiProduces('text/xml')
  @ApiOkResponse({ ...twimlResponse, description: "Back into the operators' queue" })
  @ApiProblemResponses(403)
  requeue(): string {
    return this.telephony.requeue();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function queryValue(req: FastifyRequest, name: string): string | undefined {
  const value = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** Our own query parameters on the URLs we gave Twilio (signed with the rest of the URL). */
function uuidQuery(req: FastifyRequest, name: string): string {
  const value = queryValue(req, name);
  if (!value || !UUID.test(value)) {
    throw new DomainError('VALIDATION_FAILED', `${name} is missing or malformed.`, {
      fieldErrors: [{ pointer: `/query/${name}`, code: 'UUID_INVALID', message: `${name} must be a UUID` }],
    });
  }
  return value;
}

function deskQuery(req: FastifyRequest): { callId: string; offerId: string } {
  return { callId: uuidQuery(req, 'callId'), offerId: uuidQuery(req, 'offerId') };
}
