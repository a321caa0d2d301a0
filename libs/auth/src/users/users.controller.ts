import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';

import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponseDto } from './dto/user.response';
import { UsersQueryService } from './users-query.service';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly query: UsersQueryService,
  ) {}

  @Post()
  @RequirePermission(Permission.UserManage)
  @ApiOkResponse({ type: UserResponseDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(actor, dto);
  }

  @Get()
  @RequirePermission(Permission.UserManage)
  @ApiOkResponse({ type: [UserResponseDto] })
  list(): Promise<UserResponseDto[]> {
    return this.query.list();
  }

  @Post(':id/mfa/reset')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.UserManage)
  @ApiOkResponse({ type: UserResponseDto })
  resetMfa(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<UserResponseDto> {
    return this.users.resetMfa(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.UserManage)
  @ApiOkResponse({ type: UserResponseDto })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.users.update(actor, id, dto);
  }
}
