import { Body, Controller, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { ContactsService } from './contacts.service';
import { ContactDto, CreateAnonymousContactDto, UpdateContactDto } from './dto/contact.dto';

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

  @Patch(':id')
  @RequirePermission(Permission.CaseWrite)
  @ApiOkResponse({ type: ContactDto, description: 'Correct a consultation record (with the version read)' })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: UpdateContactDto): Promise<ContactDto> {
    return this.contacts.update(actor, id, dto);
  }
}
