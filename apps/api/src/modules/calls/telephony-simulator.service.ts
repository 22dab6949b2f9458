import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { DomainError } from '../../common/errors/domain-error';
import type { SimulateCallDto, SimulateCallResultDto } from './dto/telephony.dto';
import { CallsRepository } from './calls.repository';
import {
  TELEPHONY_PATHS,
  newCallSid,
  postSignedWebhook,
  simulatedNumber,
  statusWebhookParams,
  voiceWebhookParams,
  webhookUrl,
} from './twilio-webhook';

function requireNumber(input: string | undefined, field: 'to' | 'from'): string {
  const e164 = simulatedNumber(input, field);
  if (!e164) {
    throw new DomainError('VALIDATION_FAILED', `${field} is not a Japanese phone number.`, {
      fieldErrors: [
        {
          pointer: `/body/${field}`,
          code: 'PHONE_NUMBER_INVALID',
          message: `${field} must be a Japanese phone number`,
        },
      ],
    });
  }
  return e164;
}

/**
 * The call simulator (development, demos): builds Twilio's form parameters, signs them with the
 * auth token and POSTs them over HTTP to our own PUBLIC webhook URL, exactly as Twilio would.
 */
@Injectable()
export class TelephonySimulatorService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly calls: CallsRepository,
  ) {}

  get enabled(): boolean {
    return this.config.telephony.simulatorEnabled;
  }

  async simulate(dto: SimulateCallDto): Promise<SimulateCallResultDto> {
    if (!this.enabled) throw new DomainError('NOT_FOUND', 'The call simulator is switched off.');
    const to = requireNumber(dto.to, 'to');
    const from = requireNumber(dto.from, 'from');
    const { publicBaseUrl, authToken } = this.config.telephony;
    if (!authToken) throw new DomainError('NOT_FOUND', 'TWILIO_AUTH_TOKEN is not configured.');
    const callSid = dto.callSid ?? newCallSid();
    let path: string;
    let params: Record<string, string>;
    if (dto.action === 'ring') {
      path = TELEPHONY_PATHS.voice;
      params = voiceWebhookParams({ callSid, from, to });
    } else {
      const call = await this.calls.findBySid(callSid);
      path = TELEPHONY_PATHS.status;
      params = statusWebhookParams({
        callSid,
        from: call?.fromE164 ?? from,
        to: call?.toNumber ?? to,
        status: dto.status ?? 'completed',
        durationSeconds:
          dto.durationSeconds ??
          (call ? Math.max(0, Math.round((Date.now() - call.startedAt.getTime()) / 1000)) : 0),
      });
    }
    try {
      const answer = await postSignedWebhook({ publicBaseUrl, path, authToken, params });
      return {
        callSid,
        webhook: dto.action === 'ring' ? 'voice' : 'status',
        url: webhookUrl(publicBaseUrl, path),
        httpStatus: answer.status,
        contentType: answer.contentType,
        body: answer.body,
      };
    } catch (err) {
      throw new DomainError(
        'TELEPHONY_SIMULATION_FAILED',
        `Could not POST to ${webhookUrl(publicBaseUrl, path)}: ${(err as Error).message}`,
      );
    }
  }
}
