import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor } from '@tsunagu/common';
import { ContactsService } from './contacts.service';
import { ContactDto, CreateAnonymousContactDto } from './dto/contact.dto';

@ApiTags('contacts')
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Post()
  @RequirePermission(Permission.CaseWrite)
  @ApiCreatedResponse({ type: ContactDto, description: 'An anonymous consultation, without a client record' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAnonymousContactDto): Promise<ContactDto> {
    return this.contacts.createAnonymous(actor, dto);
  }
}
