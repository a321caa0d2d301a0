import type { ComponentType } from 'react';
import type { Schemas } from '../api/client';
import { PATHS } from './paths';
// The screens keep the order they were imported in before features/: their stylesheets enter the
// bundle in import order, and the cascade must not change with a move.
import { AdminClosureDays } from '../features/master-data/AdminClosureDays';
import { AdminConcerns } from '../features/master-data/AdminConcerns';
import { AdminDepartments } from '../features/master-data/AdminDepartments';
import { AdminFacilities } from '../features/facilities/AdminFacilities';
import { AdminPrograms } from '../features/master-data/AdminPrograms';
import { AdminQueues } from '../features/queue/AdminQueues';
import { AdminUsers } from '../features/accounts/AdminUsers';
import { CaseAudit } from '../features/audit/CaseAudit';
import { CaseDetail } from '../features/cases/CaseDetail';
import { ContactForm } from '../features/cases/ContactForm';
import { PlacementRequestForm } from '../features/facilities/PlacementRequestForm';
import { ReferralDraftForm } from '../features/referrals/ReferralDraftForm';
import { RiskAssessmentForm } from '../features/dv/RiskAssessmentForm';
import { ClientScreen } from '../features/clients/ClientScreen';
import { ClientSearch } from '../features/clients/ClientSearch';
import { InboxReferral } from '../features/referrals/InboxReferral';
import { ReferralInbox } from '../features/referrals/ReferralInbox';
import { LineConversation } from '../features/line/LineConversation';
import { LineInbox } from '../features/line/LineInbox';
import type { ScreenProps } from '../ui/screen';
import { MonthlyCharts } from '../features/statistics/MonthlyCharts';
import { StatisticsScreen } from '../features/statistics/StatisticsScreen';
import { AlertsPanel } from '../features/alerts/AlertsPanel';
import { Approvals } from '../features/approvals/Approvals';
import { AuditChain } from '../features/audit/AuditChain';
import { RetentionPanel } from '../features/retention/RetentionPanel';
import { StaffAudit } from '../features/audit/StaffAudit';
import { UnitCases } from '../features/cases/UnitCases';
import { Permission } from '../labels';

export interface RouteDef {
  path: string;
  /** The browser tab's title. */
  title: string;
  /** Any one of these lets the user open the screen (the api checks again on every request). */
  permissions: Permission[];
  screen: ComponentType<ScreenProps>;
  /** Shown in the navigation under this label. */
  nav?: string;
}

const CASE = [Permission.CaseRead];
const APPROVE = [Permission.ReferralApprove, Permission.PlacementApprove, Permission.BreakGlassReview];
const ADMIN_USERS = [Permission.UserManage];
const ADMIN_MASTER = [Permission.MasterDataManage];

export const ROUTES: RouteDef[] = [
  { path: PATHS.clients, title: '相談者検索', permissions: CASE, screen: ClientSearch, nav: '相談者検索' },
  { path: PATHS.client, title: '相談者', permissions: CASE, screen: ClientScreen },
  { path: PATHS.case, title: 'ケース詳細', permissions: CASE, screen: CaseDetail },
  { path: PATHS.newContact, title: '相談記録の入力', permissions: [Permission.CaseWrite], screen: ContactForm },
  { path: PATHS.editContact, title: '相談記録の修正', permissions: [Permission.CaseWrite], screen: ContactForm },
  { path: PATHS.newRiskAssessment, title: '危険度評価の入力', permissions: [Permission.CaseWrite], screen: RiskAssessmentForm },
  { path: PATHS.newPlacement, title: '施設入所の申請', permissions: [Permission.PlacementRequest], screen: PlacementRequestForm },
  { path: PATHS.newReferral, title: '庁内連携の起票', permissions: [Permission.ReferralDraft], screen: ReferralDraftForm },
  { path: PATHS.caseAudit, title: 'ケースの監査ログ', permissions: [Permission.AuditReadUnit], screen: CaseAudit },
  { path: PATHS.line, title: 'LINE 受信箱', permissions: [Permission.LineReply], screen: LineInbox, nav: 'LINE 受信箱' },
  { path: PATHS.lineConversation, title: 'LINE 相談', permissions: [Permission.LineReply], screen: LineConversation },
  { path: PATHS.approvals, title: '承認待ち', permissions: APPROVE, screen: Approvals, nav: '承認待ち' },
  { path: PATHS.unitCases, title: '課のケース一覧', permissions: [Permission.CaseReadRestricted], screen: UnitCases, nav: '課のケース' },
  { path: PATHS.alerts, title: 'アクセスの警告', permissions: [Permission.AlertsReview], screen: AlertsPanel, nav: 'アクセスの警告' },
  { path: PATHS.retention, title: '保存期間の満了', permissions: [Permission.RetentionManage], screen: RetentionPanel, nav: '保存期間の満了' },
  { path: PATHS.auditEvents, title: '監査ログの検索', permissions: [Permission.AuditReadUnit], screen: StaffAudit, nav: '監査ログの検索' },
  { path: PATHS.audit, title: '監査ログの検証', permissions: [Permission.AuditVerify], screen: AuditChain, nav: '監査ログの検証' },
  { path: PATHS.inbox, title: '連携受信箱', permissions: [Permission.ReferralInbox], screen: ReferralInbox, nav: '連携受信箱' },
  { path: PATHS.inboxItem, title: '連携依頼', permissions: [Permission.ReferralInbox], screen: InboxReferral },
  { path: PATHS.statistics, title: '統計', permissions: [Permission.StatisticsRun], screen: StatisticsScreen, nav: '統計・事業実績報告' },
  { path: PATHS.statisticsMonthly, title: '月次グラフ', permissions: [Permission.StatisticsRead], screen: MonthlyCharts, nav: '月次グラフ' },
  { path: PATHS.adminUsers, title: '利用者の管理', permissions: ADMIN_USERS, screen: AdminUsers, nav: '利用者' },
  { path: PATHS.adminDepartments, title: '部署の管理', permissions: ADMIN_MASTER, screen: AdminDepartments, nav: '部署' },
  { path: PATHS.adminFacilities, title: '施設の管理', permissions: ADMIN_MASTER, screen: AdminFacilities, nav: '施設' },
  { path: PATHS.adminPrograms, title: '事業と受付時間', permissions: ADMIN_MASTER, screen: AdminPrograms, nav: '事業・受付時間' },
  { path: PATHS.adminClosureDays, title: '閉庁日', permissions: ADMIN_MASTER, screen: AdminClosureDays, nav: '閉庁日' },
  { path: PATHS.adminConcerns, title: '主訴の管理', permissions: ADMIN_MASTER, screen: AdminConcerns, nav: '主訴' },
  { path: PATHS.adminQueues, title: '処理キューの状況', permissions: [Permission.QueueRead], screen: AdminQueues, nav: '処理キュー' },
];

export function allowed(me: Schemas['MeResponseDto'], route: RouteDef): boolean {
  return route.permissions.some((p) => me.permissions.includes(p));
}
