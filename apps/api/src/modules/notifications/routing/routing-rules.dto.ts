import { INQUIRY_CATEGORIES, type InquiryCategory } from '@bc/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../deliveries/notification-delivery.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimToNull = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/** R8.3: a rule as the owner writes it (create and replace). */
export class RoutingRuleInputDto {
  @ApiProperty({ example: '営業電話はメールだけ', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 100,
    example: '田中',
    description: '「誰宛て」 contains this (full/half width and case ignored); null or blank = any',
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  forWhomContains?: string | null;

  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'true: 折り返し必要 only; false: 入電のみ only; null = any',
  })
  @IsOptional()
  @IsBoolean()
  callbackRequired?: boolean | null;

  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'true: 急ぎ only; false: not urgent only; null = any',
  })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean | null;

  @ApiPropertyOptional({
    enum: INQUIRY_CATEGORIES,
    enumName: 'InquiryCategory',
    isArray: true,
    description: 'Any of these categories; empty or left out = any category',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INQUIRY_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(INQUIRY_CATEGORIES, { each: true })
  categories?: InquiryCategory[];

  @ApiProperty({
    enum: DELIVERY_CHANNELS,
    enumName: 'DeliveryChannel',
    isArray: true,
    description:
      'Who hears of a matching inquiry (at least one); webhooks still get only the events they subscribed to',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DELIVERY_CHANNELS.length)
  @ArrayUnique()
  @IsIn(DELIVERY_CHANNELS, { each: true })
  channels: DeliveryChannel[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      "E-mail to these of the account's notification addresses (only confirmed ones receive). With memberIds both empty: every usual recipient",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  emailAddressIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: "E-mail to these team members' login addresses",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class RoutingRuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Priority: 1 is tried first; the first matching rule decides' })
  priority: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) forWhomContains: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) callbackRequired: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true }) urgent: boolean | null;
  @ApiProperty({ enum: INQUIRY_CATEGORIES, enumName: 'InquiryCategory', isArray: true })
  categories: InquiryCategory[];
  @ApiProperty({ enum: DELIVERY_CHANNELS, enumName: 'DeliveryChannel', isArray: true })
  channels: DeliveryChannel[];
  @ApiProperty({ type: [String], format: 'uuid' }) emailAddressIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) memberIds: string[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** A person a rule can send e-mail to. */
export class RoutingMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['owner', 'member'] }) role: 'owner' | 'member';
}

export class RoutingRulesDto {
  @ApiProperty({ type: [RoutingRuleDto], description: 'In priority order' }) items: RoutingRuleDto[];
  @ApiProperty({ description: 'How many rules an account may have' }) max: number;
  @ApiProperty({ type: [RoutingMemberDto], description: 'The team members a rule may name' })
  members: RoutingMemberDto[];
}

export class ReorderRoutingRulesDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: "Every one of the account's rules, first tried first",
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ruleIds: string[];
}
