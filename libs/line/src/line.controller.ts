import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { CreateProvisionDto, ProvisionDto } from '@tsunagu/cases';
import { Actor, UuidParam } from '@tsunagu/common';
import { CreateLineChannelDto, FollowersDto, FollowersQueryDto, LineChannelDto, UpdateLineChannelDto } from './channels/dto/channel.dto';
import { LineChannelsService } from './channels/line-channels.service';
import { ConversationsService } from './conversations/conversations.service';
import { CloseConversationDto, ConversationDto, ConversationQueryDto, ConversationStateDto, LinkConversationDto, MessageDto, ReplyDto } from './conversations/dto/conversation.dto';

@ApiTags('line')
@Controller('line')
export class LineController {
  constructor(
    private readonly channels: LineChannelsService,
    private readonly conversations: ConversationsService,
  ) {}

  @Get('channels')
  @RequirePermission(Permission.MasterDataRead)
  @ApiOkResponse({ type: [LineChannelDto] })
  listChannels(): Promise<LineChannelDto[]> {
    return this.channels.list();
  }

  @Post('channels')
  @RequirePermission(Permission.MasterDataManage)
  @ApiCreatedResponse({ type: LineChannelDto })
  createChannel(@CurrentActor() actor: Actor, @Body() dto: CreateLineChannelDto): Promise<LineChannelDto> {
    return this.channels.create(actor, dto);
  }

  @Patch('channels/:id')
  @RequirePermission(Permission.MasterDataManage)
  @ApiOkResponse({ type: LineChannelDto })
  updateChannel(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: UpdateLineChannelDto): Promise<LineChannelDto> {
    return this.channels.update(actor, id, dto);
  }

  @Get('channels/:id/followers')
  @RequirePermission(Permission.LineReply)
  @ApiOkResponse({ type: FollowersDto })
  followers(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Query() query: FollowersQueryDto): Promise<FollowersDto> {
    return this.channels.followers(actor, id, query.date);
  }

  @Get('conversations')
  @RequirePermission(Permission.LineReply)
  @ApiOkResponse({ type: [ConversationDto] })
  listConversations(@CurrentActor() actor: Actor, @Query() query: ConversationQueryDto): Promise<ConversationDto[]> {
    return this.conversations.list(actor, query);
  }

  @Get('conversations/:id/messages')
  @RequirePermission(Permission.LineReply)
  @ApiOkResponse({ type: [MessageDto] })
  messages(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<MessageDto[]> {
    return this.conversations.messages(actor, id);
  }

  @Post('conversations/:id/messages')
  @RequirePermission(Permission.LineReply)
  @ApiCreatedResponse({ type: MessageDto })
  reply(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: ReplyDto): Promise<MessageDto> {
    return this.conversations.reply(actor, id, dto);
  }

  @Post('conversations/:id/close')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.LineReply)
  @ApiOkResponse({ type: ConversationStateDto })
  close(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CloseConversationDto): Promise<ConversationStateDto> {
    return this.conversations.close(actor, id, dto);
  }

  @Post('conversations/:id/link')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.LineReply)
  @ApiOkResponse({ type: ConversationStateDto })
  link(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: LinkConversationDto): Promise<ConversationStateDto> {
    return this.conversations.link(actor, id, dto);
  }

  @Post('conversations/:id/provisions')
  @RequirePermission(Permission.LineReply)
  @ApiCreatedResponse({ type: ProvisionDto })
  provide(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CreateProvisionDto): Promise<ProvisionDto> {
    return this.conversations.provide(actor, id, dto);
  }

  @Post('conversations/:id/typing')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.LineReply)
  typing(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<void> {
    return this.conversations.typing(actor, id);
  }
}
