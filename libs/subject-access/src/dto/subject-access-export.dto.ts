import { IsOmittable } from '@tsunagu/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { StaffNameMode } from '../staff-names';

/** The receipt number of a 開示請求 as cities write them: letters, digits, kana, kanji and - _ / . ・ ( ), no spaces. */
export const REQUEST_REFERENCE = /^[\p{L}\p{N}\-_/.・()（）]+$/u;

export class DisclosureExportDto {
  @ApiPropertyOptional({
    enum: StaffNameMode,
    default: StaffNameMode.Redacted,
    description: 'redacted: staff appear as role + letter (相談員A), never by name or login id; shown: display names',
  })
  @IsOmittable()
  @IsEnum(StaffNameMode)
  staffNames?: StaffNameMode;

  @ApiPropertyOptional({ example: 'R7-開示-0012', description: 'The city’s 開示請求 receipt number (受付番号); printed on the cover and kept in the audit event' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(REQUEST_REFERENCE)
  requestReference?: string;
}
