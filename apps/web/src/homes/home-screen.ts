import type { ComponentType } from 'react';
import type { Schemas } from '../api/client';
import { AdminUsers } from '../features/accounts/AdminUsers';
import { ReferralInbox } from '../features/referrals/ReferralInbox';
import { StatisticsScreen } from '../features/statistics/StatisticsScreen';
import type { ScreenProps } from '../ui/screen';
import { CounselorHome } from './CounselorHome';
import { SupervisorHome } from './SupervisorHome';

/**
 * Each role's first screen at `/`. A home of several domains' parts is a component of its own
 * here in homes/; a home that is one domain's screen names that screen.
 */
export function homeScreen(me: Schemas['MeResponseDto']): { title: string; screen: ComponentType<ScreenProps> } {
  switch (me.role) {
    case 'counselor':
      return { title: 'ダッシュボード', screen: CounselorHome };
    case 'supervisor':
      return { title: '承認待ち', screen: SupervisorHome };
    case 'liaison':
      return { title: '連携受信箱', screen: ReferralInbox };
    case 'statistician':
      return { title: '統計', screen: StatisticsScreen };
    case 'admin':
      return { title: '利用者の管理', screen: AdminUsers };
  }
}
