import type { ReportSectionCode } from '@tsunagu/config';
import { FacilityKind, PlacementKind } from '@tsunagu/facilities';
import { Dimension, DV_KEY, Metric, TOTAL_KEY } from '../metric-names';

/** A received figure's codes: the program and metric an aggregate entry is filed under. */
export interface AggregateCode {
  programCode: string;
  metric: string;
}

/** Facilities a figure adds up: of a kind, and in the city or outside it (広域). */
export interface FacilityFilter {
  kind: FacilityKind;
  inCity?: boolean;
}

/** One figure of a section, as data; `evaluateReport` turns it into a number. */
export type FigureSpec =
  /** The monthly cells of the period added up: a metric by a dimension (one key, or every key), for some programs or facilities. */
  | {
      kind: 'cells';
      label: string;
      unit: string;
      metric: Metric;
      dimension: Dimension;
      key?: string;
      programs?: readonly string[];
      /** With Dimension.Facility: the facilities (by name) whose cells count. */
      facilities?: FacilityFilter;
      /** From the facilities' own monthly reports (施設月次報告) where they send them, else the cells. */
      reported?: 'households' | 'exits';
    }
  /** The cells of the period's last month only (a stock at the month's end, e.g. 友だち登録者数). */
  | { kind: 'month-end'; label: string; unit: string; metric: Metric; dimension: Dimension; key: string; programs: readonly string[] }
  /**
   * Figures the city receives (aggregate entries) for the fiscal year, dated by the last month
   * entered; `totalOf`: it is the total of those figures of the section (for suppression).
   */
  | { kind: 'received'; label: string; unit: string; codes: readonly AggregateCode[]; totalOf?: readonly number[] }
  /** The sum of the section's figures before it; suppression knows it as their total. */
  | { kind: 'total'; label: string; unit: string };

/** A row of a section that expands into several figures. */
export type ExpansionSpec =
  /** One figure per facility of the filter, in the order they were entered, labelled by name (`休止中` when suspended). */
  | { kind: 'each-facility'; facilities: FacilityFilter; figures: ReadonlyArray<{ labelSuffix: string; unit: string; metric: Metric; reported?: 'households' | 'exits' }>; suspended?: 'shown' }
  /** One figure per fiscal year, from the first year with entries up to the report's (令和5年度：3件 …). */
  | { kind: 'received-by-year'; code: AggregateCode; unit: string };

export interface SectionSpec {
  code: ReportSectionCode;
  title: string;
  rows: ReadonlyArray<FigureSpec | ExpansionSpec>;
}

/** The programs the 女性相談室 section adds up (the consultation room and the DV centre share it). */
export const CONSULTATION_ROOM_PROGRAMS = ['josei-soudan', 'dv-center'] as const;

/**
 * Figures the city receives rather than records (contractors' monthly reports, non-case
 * activities), entered as aggregate entries under these program and metric codes.
 */
export const REPORT_AGGREGATES = {
  lgbtqPhone: { programCode: 'lgbtq-phone', metric: 'consultations' },
  lgbtqLine: { programCode: 'lgbtq-line', metric: 'consultations' },
  partnership: { programCode: 'partnership-oath', metric: 'oaths' },
  careerInPerson: { programCode: 'career-hoken', metric: 'consultations-in-person' },
  careerOnline: { programCode: 'career-hoken', metric: 'consultations-online' },
  padSchools: { programCode: 'pad-distribution', metric: 'schools' },
  padPupils: { programCode: 'pad-distribution', metric: 'pupils' },
} as const satisfies Record<string, AggregateCode>;

/**
 * The program report (令和N年度 実施事業), as the reference city lays it out: the part a city asks
 * to change each fiscal year, so it is data, evaluated by `evaluateReport`. A section's `code` is
 * what REPORT_SUPPRESSED_SECTIONS names.
 */
export const PROGRAM_REPORT: readonly SectionSpec[] = [
  {
    code: 'consultation-room',
    title: '女性相談室',
    rows: [
      { kind: 'cells', label: '相談件数（延べ）', unit: '件', metric: Metric.Contacts, dimension: Dimension.Total, key: TOTAL_KEY, programs: CONSULTATION_ROOM_PROGRAMS },
      { kind: 'cells', label: 'うち電話対応', unit: '件', metric: Metric.Contacts, dimension: Dimension.Channel, key: 'phone', programs: CONSULTATION_ROOM_PROGRAMS },
      { kind: 'cells', label: 'DV件数', unit: '件', metric: Metric.Contacts, dimension: Dimension.Dv, key: DV_KEY.dv, programs: CONSULTATION_ROOM_PROGRAMS },
    ],
  },
  {
    code: 'private-shelter',
    title: '民間シェルター',
    rows: [
      { kind: 'cells', label: '大人', unit: '名', metric: Metric.FacilityAdults, dimension: Dimension.Facility, facilities: { kind: FacilityKind.PrivateShelter } },
      { kind: 'cells', label: '同伴児', unit: '名', metric: Metric.FacilityChildren, dimension: Dimension.Facility, facilities: { kind: FacilityKind.PrivateShelter } },
      { kind: 'cells', label: '受入日数', unit: '日', metric: Metric.FacilityNights, dimension: Dimension.Facility, facilities: { kind: FacilityKind.PrivateShelter } },
    ],
  },
  {
    code: 'mother-child',
    title: '母子生活支援施設',
    rows: [
      {
        kind: 'each-facility',
        facilities: { kind: FacilityKind.MotherChild, inCity: true },
        figures: [
          { labelSuffix: ' 延べ世帯数', unit: '世帯', metric: Metric.FacilityHouseholds, reported: 'households' },
          { labelSuffix: ' 退所世帯数', unit: '世帯', metric: Metric.FacilityExits, reported: 'exits' },
        ],
      },
      { kind: 'cells', label: '広域入所 延べ世帯数', unit: '世帯', metric: Metric.FacilityHouseholds, dimension: Dimension.Facility, facilities: { kind: FacilityKind.MotherChild, inCity: false }, reported: 'households' },
      { kind: 'cells', label: '広域入所 退所世帯数', unit: '世帯', metric: Metric.FacilityExits, dimension: Dimension.Facility, facilities: { kind: FacilityKind.MotherChild, inCity: false }, reported: 'exits' },
    ],
  },
  {
    code: 'maternity',
    title: '助産施設（退所報告のあった人数）',
    rows: [
      { kind: 'each-facility', facilities: { kind: FacilityKind.Maternity, inCity: true }, figures: [{ labelSuffix: '', unit: '人', metric: Metric.FacilityExits }], suspended: 'shown' },
      { kind: 'cells', label: '広域病院', unit: '人', metric: Metric.FacilityExits, dimension: Dimension.Facility, facilities: { kind: FacilityKind.Maternity, inCity: false } },
      { kind: 'total', label: '合計', unit: '人' },
    ],
  },
  {
    code: 'entrusted-protection',
    title: '一時保護委託（市）',
    rows: [{ kind: 'cells', label: '件数', unit: '件', metric: Metric.Placements, dimension: Dimension.PlacementKind, key: PlacementKind.EntrustedProtection }],
  },
  { code: 'emergency-transport', title: '要保護女子緊急移送', rows: [{ kind: 'cells', label: '回数', unit: '回', metric: Metric.Transports, dimension: Dimension.Total, key: TOTAL_KEY }] },
  {
    code: 'ashitaba-line',
    title: 'あしたば LINE相談',
    rows: [
      { kind: 'cells', label: '相談件数', unit: '件', metric: Metric.LineAnswered, dimension: Dimension.Total, key: TOTAL_KEY, programs: ['ashitaba-line'] },
      { kind: 'month-end', label: '友だち登録者数', unit: '人', metric: Metric.LineFollowers, dimension: Dimension.Total, key: TOTAL_KEY, programs: ['ashitaba-line'] },
      { kind: 'cells', label: '生理用品提供数', unit: 'セット', metric: Metric.Provisions, dimension: Dimension.Kind, key: 'sanitary-products', programs: ['ashitaba-line'] },
    ],
  },
  { code: 'lgbtq-phone', title: 'LGBTQ電話相談 相談件数', rows: [{ kind: 'received-by-year', code: REPORT_AGGREGATES.lgbtqPhone, unit: '件' }] },
  { code: 'lgbtq-line', title: 'LGBTQ LINE相談 相談件数', rows: [{ kind: 'received-by-year', code: REPORT_AGGREGATES.lgbtqLine, unit: '件' }] },
  { code: 'partnership', title: 'パートナーシップ宣誓 宣誓組数', rows: [{ kind: 'received-by-year', code: REPORT_AGGREGATES.partnership, unit: '組' }] },
  {
    code: 'career',
    title: 'みんなのキャリアの保健室 相談実績',
    rows: [
      { kind: 'received', label: '相談件数', unit: '件', codes: [REPORT_AGGREGATES.careerInPerson, REPORT_AGGREGATES.careerOnline], totalOf: [1, 2] },
      { kind: 'received', label: 'うち対面', unit: '件', codes: [REPORT_AGGREGATES.careerInPerson] },
      { kind: 'received', label: 'うちオンライン', unit: '件', codes: [REPORT_AGGREGATES.careerOnline] },
    ],
  },
  {
    code: 'school-pads',
    title: '中学3年女子生徒への生理用品配付',
    rows: [
      { kind: 'received', label: '配付校数', unit: '校', codes: [REPORT_AGGREGATES.padSchools] },
      { kind: 'received', label: '配付人数', unit: '名', codes: [REPORT_AGGREGATES.padPupils] },
    ],
  },
];
