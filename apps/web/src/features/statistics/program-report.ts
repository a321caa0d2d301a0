import type { Schemas } from '../../api/client';

/** GET /api/v1/reports/program (JSON), as the api's OpenAPI document types it. */
export type ProgramReport = Schemas['ProgramReport'];
export type ReportSection = Schemas['ReportSection'];
export type ReportFigure = Schemas['ReportFigure'];
