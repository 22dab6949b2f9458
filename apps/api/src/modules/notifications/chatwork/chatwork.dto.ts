import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class ChatworkConsentDto {
  @ApiProperty({ description: "Chatwork's consent page; send the browser there" })
  url: string;
}

export class ChatworkCallbackDto {
  @ApiProperty({ description: 'The `code` Chatwork put on the redirect' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  code: string;

  @ApiProperty({ description: 'The `state` Chatwork put on the redirect' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  state: string;
}

export class ChatworkRoomChoiceDto {
  @ApiProperty({ example: '2002', description: "Chatwork's room_id" })
  @IsString()
  @Matches(/^[1-9][0-9]{0,18}$/, { message: 'must be a Chatwork room id' })
  roomId: string;
}

export class ChatworkRoomDto {
  @ApiProperty({ example: '2002' })
  roomId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['my', 'direct', 'group'] })
  type: string;

  @ApiProperty({ description: 'False when the linked user may only read the room (read-only)' })
  canPost: boolean;
}

export class ChatworkRoomsDto {
  @ApiProperty({ type: [ChatworkRoomDto] })
  items: ChatworkRoomDto[];
}

export class ChatworkLinkDto {
  @ApiProperty({ description: 'False when no Chatwork user is linked (the other fields are then null)' })
  linked: boolean;

  @ApiProperty({ enum: ['linked', 'broken'], nullable: true, type: String })
  status: 'linked' | 'broken' | null;

  @ApiProperty({ nullable: true, type: String, description: 'Why the link stopped working' })
  brokenReason: string | null;

  @ApiProperty({ nullable: true, type: String, description: "The linked Chatwork user's name" })
  chatworkName: string | null;

  @ApiProperty({ nullable: true, type: String })
  chatworkAccountId: string | null;

  @ApiProperty({ nullable: true, type: String })
  roomId: string | null;

  @ApiProperty({ nullable: true, type: String })
  roomName: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  updatedAt: string | null;
}
