import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { BreakGlassService } from '../break-glass/break-glass.service';
import { BreakGlassDto, BreakGlassGrantDto } from '../break-glass/dto/break-glass.dto';
import { ContactsService } from '../contacts/contacts.service';
import { ContactDto, CreateContactDto } from '../contacts/dto/contact.dto';
import { CasesService } from './cases.service';
import { CaseDto, CasePageDto, CaseQueryDto, CloseCaseDto, CreateCaseDto, ReopenCaseDto, UpdateCaseDto } from './dto/case.dto';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly contacts: ContactsService,
    private readonly breakGlass: BreakGlassService,
  ) {}

  @Post()
  @RequirePermission(Permission.CaseWrite)
  @ApiCreatedResponse({ type: CaseDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCaseDto): Promise<CaseDto> {
    return this.cases.create(actor, dto);
  }

  @Get()
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: CasePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: CaseQueryDto): Promise<CasePageDto> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: CaseDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<CaseDto> {
    return this.cases.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.CaseWrite)
  @ApiOkResponse({ type: CaseDto })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: UpdateCaseDto): Promise<CaseDto> {
    return this.cases.update(actor, id, dto);
  }

  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.CaseWrite)
  @ApiOkResponse({ type: CaseDto })
  close(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CloseCaseDto): Promise<CaseDto> {
    return this.cases.close(actor, id, dto);
  }

  @Post(':id/reopen')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.CaseWrite)
  @ApiOkResponse({ type: CaseDto })
  reopen(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: ReopenCaseDto): Promise<CaseDto> {
    return this.cases.reopen(actor, id, dto);
  }

  @Post(':id/contacts')
  @RequirePermission(Permission.CaseWrite)
  @ApiCreatedResponse({ type: ContactDto })
  addContact(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CreateContactDto): Promise<ContactDto> {
    return this.contacts.createForCase(actor, id, dto);
  }

  @Get(':id/contacts')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [ContactDto] })
  contactsOf(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<ContactDto[]> {
    return this.contacts.listForCase(actor, id);
  }

  @Post(':id/break-glass')
  @RequirePermission(Permission.CaseBreakGlass)
  @ApiCreatedResponse({ type: BreakGlassGrantDto })
  breakGlassOpen(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: BreakGlassDto): Promise<BreakGlassGrantDto> {
    return this.breakGlass.open(actor, id, dto.reason);
  }
}
