import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ENDPOINT_KINDS, WEBHOOK_EVENTS, type WebhookEventType } from '../webhook-endpoint.entity';
import type { EndpointKind } from '../url-guard';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateWebhookEndpointDto {
  @ApiProperty({
    enum: ENDPOINT_KINDS,
    enumName: 'WebhookEndpointKind',
    description: '`webhook`: signed JSON for integrators; `slack` / `teams`: an incoming-webhook URL',
  })
  @IsIn(ENDPOINT_KINDS)
  kind: EndpointKind;

  @ApiProperty({
    example: 'https://crm.example.jp/hooks/businesscall',
    maxLength: 2048,
    description:
      'https only, reaching a public address. Slack: https://hooks.slack.com/…; Teams: https://….webhook.office.com/… or https://….logic.azure.com/…',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional({ example: '顧客管理システム', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({
    enum: WEBHOOK_EVENTS,
    enumName: 'WebhookEventType',
    isArray: true,
    description:
      'Required (at least one) for `webhook`. Slack and Teams receive new inquiries (`inquiry.created`).',
  })
  @ValidateIf((dto: CreateWebhookEndpointDto) => dto.kind === 'webhook' || dto.events !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEventType[];
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ maxLength: 2048, description: 'Checked like a new URL' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, enumName: 'WebhookEventType', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEventType[];

  @ApiPropertyOptional({
    description: 'Enabling again clears the failure count and the reason it was disabled',
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ENDPOINT_KINDS, enumName: 'WebhookEndpointKind' }) kind: EndpointKind;
  @ApiProperty() url: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, enumName: 'WebhookEventType', isArray: true })
  events: WebhookEventType[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the platform disabled it after repeated failures; null otherwise',
  })
  disabledReason: string | null;
  @ApiProperty({ description: 'Deliveries that failed in a row (all retries spent)' })
  consecutiveFailures: number;
  @ApiProperty({
    description: 'Whether requests are signed (webhooks only); the secret itself is never shown again',
  })
  signed: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) secretRotatedAt: string | null;
}

export class WebhookEndpointsDto {
  @ApiProperty({ type: [WebhookEndpointDto], description: 'Oldest first' }) items: WebhookEndpointDto[];
}

export class CreatedWebhookEndpointDto extends WebhookEndpointDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'whsec_3kTq…',
    description:
      'The signing secret (webhooks; null for Slack and Teams): shown this once, never again. Verify `BusinessCall-Signature` with it.',
  })
  secret: string | null;
}

export class WebhookTestResultDto {
  @ApiProperty({ description: 'The receiver answered 2xx' }) ok: boolean;
  @ApiProperty({ example: 200, description: "The receiver's HTTP status" }) status: number;
  @ApiProperty({ example: 84, description: 'Time from sending to the answer, in ms' }) durationMs: number;
  @ApiProperty({ type: String, nullable: true, description: 'The `ping` event id (webhooks only)' })
  eventId: string | null;
}
