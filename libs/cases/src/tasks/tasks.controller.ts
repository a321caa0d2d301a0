import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { TaskDto } from './dto/task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('tasks')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [TaskDto], description: 'My open reminders' })
  mine(@CurrentActor() actor: Actor): Promise<TaskDto[]> {
    return this.tasks.mine(actor);
  }

  @Get('cases/:id/tasks')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [TaskDto] })
  forCase(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<TaskDto[]> {
    return this.tasks.forCase(actor, id);
  }

  @Post('tasks/:id/done')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.CaseWrite)
  @ApiOkResponse({ type: TaskDto })
  done(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<TaskDto> {
    return this.tasks.done(actor, id);
  }
}
