import { ApiProperty } from '@nestjs/swagger';
import { TaskKind, TaskStage } from '../task.entity';

export class TaskDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: TaskKind }) kind: TaskKind;
  @ApiProperty({ enum: TaskStage }) stage: TaskStage;
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty({ description: 'The 期限 the reminder is about' }) dueOn: string;
  @ApiProperty({ nullable: true, type: String }) doneAt: string | null;
}
