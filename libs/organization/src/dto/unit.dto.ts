import { ApiProperty } from '@nestjs/swagger';

/** A 係 of the women's support office: counselors and supervisors belong to one. */
export class UnitDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
}
