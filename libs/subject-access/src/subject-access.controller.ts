import { Body, Controller, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { SubjectAccessExportService } from './subject-access-export.service';
import { DisclosureExportDto } from './dto/subject-access-export.dto';

@ApiTags('clients')
@Controller('clients')
export class SubjectAccessController {
  constructor(private readonly exports: SubjectAccessExportService) {}

  @Post(':id/disclosure-export')
  @HttpCode(200)
  @RequirePermission(Permission.ClientDisclosureExport)
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description: '本人開示: a ZIP of the cover (00_cover.txt), everything as JSON (disclosure.json) and one CSV per section (UTF-8 with BOM, Japanese headers)',
    schema: { type: 'string', format: 'binary' },
  })
  async export(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: DisclosureExportDto,
  ): Promise<StreamableFile> {
    const { filename, archive } = await this.exports.export(actor, id, dto);
    return new StreamableFile(archive, { type: 'application/zip', disposition: `attachment; filename="${filename}"`, length: archive.length });
  }
}
