import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateApiKeyDto {
  @ApiProperty({ example: '顧客管理システム連携', maxLength: 100, description: 'What the key is for' })
  @Transform(trim)
  @MaxLength(100)
  @IsString()
  @IsNotEmpty()
  name: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'bc_live_ab12cd34', description: 'The start of the key, to recognise it' })
  prefix: string;
  @ApiProperty({ type: String, nullable: true }) createdByName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'To the minute' })
  lastUsedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) revokedAt: string | null;
}

export class ApiKeysDto {
  @ApiProperty({ type: [ApiKeyDto], description: 'Newest first, revoked keys included' }) items: ApiKeyDto[];
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    example: 'bc_live_ab12cd34_3kTq…',
    description: 'The whole key: shown this once, never again. Send it as `Authorization: Bearer <key>`.',
  })
  key: string;
}
