import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { DomainError } from '../../common/errors/domain-error';
import type { Call } from './call.entity';
import type { SimulateCallDto, SimulateCallResultDto, SimulatedOutcome } from './dto/telephony.dto';
import { CallsRepository } from './calls.repository';
import { DeskRepository, PRESENCE_STALE_SECONDS } from './desk/desk.repository';
import { receptionClosedReason } from './reception-hours';
import { ReceptionScheduleService } from './reception-schedule.service';
import { TelephonyWebhookService } from './telephony-webhook.service';
import { holdTwiml } from './twiml';
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

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The texts of the <Say> verbs of a TwiML document, in order: what the caller heard. */
export function sayTexts(twiml: string): string[] {
  return [...twiml.matchAll(/<Say\b[^>]*>([\s\S]*?)<\/Say>/g)].map((m) =>
    m[1].replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name]),
  );
}

const OUTCOME_OF: Record<Call['state'], SimulatedOutcome> = {
  waiting: 'queued',
  offered: 'queued',
  claimed: 'queued',
  ended: 'ended',
  rejected_out_of_hours: 'out_of_hours',
  rejected_blocked: 'blocked',
  rejected_not_in_service: 'not_in_service',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The call simulator (development, demos). With the Twilio fake it places a real call there (the
 * fake acts as the carrier: signed webhooks, the queue, operators' softphones ring); otherwise it
 * POSTs the signed webhook to our own public URL as Twilio would. Either way it says in words what
 * the caller heard and why.
 */
@Injectable()
export class TelephonySimulatorService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly calls: CallsRepository,
    private readonly webhooks: TelephonyWebhookService,
    private readonly schedule: ReceptionScheduleService,
    private readonly desks: DeskRepository,
  ) {}

  get enabled(): boolean {
    return this.config.telephony.simulatorEnabled;
  }

  /** The fake's phone page: a caller with a microphone and a loudspeaker, in the browser. */
  get phoneUrl(): string | null {
    return this.config.telephony.provider === 'fake' ? `${this.config.telephony.restBaseUrl}/phone` : null;
  }

  async simulate(dto: SimulateCallDto): Promise<SimulateCallResultDto> {
    if (!this.enabled) throw new DomainError('NOT_FOUND', 'The call simulator is switched off.');
    const to = requireNumber(dto.to, 'to');
    const from = requireNumber(dto.from, 'from');
    const { publicBaseUrl, authToken, provider } = this.config.telephony;
    if (!authToken) throw new DomainError('NOT_FOUND', 'TWILIO_AUTH_TOKEN is not configured.');
    if (provider === 'fake' && (await this.fakeIsUp())) return this.throughFake(dto, to, from);

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
        ...(await this.explain(callSid)),
        via: 'webhook',
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

  /** Without the fake running (e.g. API tests), the simulator posts our webhook as before. */
  private async fakeIsUp(): Promise<boolean> {
    try {
      const res = await fetch(`${this.config.telephony.restBaseUrl}/_fake/config`, {
        signal: AbortSignal.timeout(1000),
      });
      return res.ok;
    } catch {
      return false;
    }
  }

  /** A real call at the Twilio fake: it rings our voice webhook, queues, and rings operators. */
  private async throughFake(dto: SimulateCallDto, to: string, from: string): Promise<SimulateCallResultDto> {
    const base = this.config.telephony.restBaseUrl;
    let callSid: string;
    try {
      if (dto.action === 'ring') {
        const res = await fetch(`${base}/_fake/calls`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ from, to }),
          signal: AbortSignal.timeout(5000),
        });
        if (!res.ok) throw new Error(`the fake answered ${res.status}`);
        callSid = ((await res.json()) as { sid: string }).sid;
      } else {
        callSid = dto.callSid!;
        const res = await fetch(`${base}/_fake/calls/${encodeURIComponent(callSid)}/hangup`, {
          method: 'POST',
          signal: AbortSignal.timeout(5000),
        });
        if (!res.ok && res.status !== 404) throw new Error(`the fake answered ${res.status}`);
      }
    } catch (err) {
      throw new DomainError(
        'TELEPHONY_SIMULATION_FAILED',
        `Could not reach the Twilio fake at ${base}: ${(err as Error).message}`,
      );
    }
    // The fake posts our voice webhook at once; its stored decision is what the caller hears.
    let call = await this.calls.findBySid(callSid);
    for (let i = 0; i < 50 && (!call || (dto.action === 'hangup' && call.endedAt === null)); i++) {
      await sleep(100);
      call = await this.calls.findBySid(callSid);
    }
    const answer = call ? await this.webhooks.twimlFor(call) : '';
    return {
      ...(await this.explain(callSid, call)),
      via: 'twilio-fake',
      webhook: dto.action === 'ring' ? 'voice' : 'status',
      url: webhookUrl(
        this.config.telephony.publicBaseUrl,
        dto.action === 'ring' ? TELEPHONY_PATHS.voice : TELEPHONY_PATHS.status,
      ),
      httpStatus: call ? 200 : 0,
      contentType: call ? 'text/xml; charset=utf-8' : null,
      body: answer,
    };
  }

  /** What the caller heard and why, from the call's stored decision. */
  private async explain(
    callSid: string,
    known?: Call | null,
  ): Promise<
    Pick<
      SimulateCallResultDto,
      'callSid' | 'outcome' | 'closedReason' | 'alwaysOpen' | 'operatorsAvailable' | 'heard'
    >
  > {
    const call = known === undefined ? await this.calls.findBySid(callSid) : known;
    if (!call) {
      return {
        callSid,
        outcome: 'unknown',
        closedReason: null,
        alwaysOpen: false,
        operatorsAvailable: 0,
        heard: [],
      };
    }
    const outcome = OUTCOME_OF[call.state];
    const alwaysOpen =
      this.config.telephony.alwaysOpenAllowed &&
      call.accountId !== null &&
      (await this.calls.isAlwaysOpen(call.accountId));
    const operators = (await this.desks.listAll()).filter(
      (d) =>
        d.status === 'available' &&
        d.seenAt !== null &&
        Date.now() - d.seenAt.getTime() < PRESENCE_STALE_SECONDS * 1000,
    ).length;
    return {
      callSid,
      outcome,
      closedReason:
        outcome === 'out_of_hours'
          ? receptionClosedReason(await this.schedule.current(), call.startedAt)
          : null,
      alwaysOpen,
      operatorsAvailable: operators,
      // Queued: what the answer says, then the queue's first waiting message (the greeting).
      heard: [
        ...sayTexts(await this.webhooks.twimlFor(call)),
        ...(outcome === 'queued' ? sayTexts(holdTwiml({ greeting: true })) : []),
      ],
    };
  }
}
