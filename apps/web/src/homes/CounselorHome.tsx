import { DueTasks } from '../features/cases/DueTasks';
import { MyCases } from '../features/cases/MyCases';
import { WaitingConversations } from '../features/line/WaitingConversations';
import { Permission } from '../labels';
import { useCodeNames } from '../ui/code-names';
import { can, type ScreenProps } from '../ui/screen';
import '../ui/counselor.css';

/** ダッシュボード: my open cases, LINE conversations waiting for a reply, and reminders due. */
export function CounselorHome({ api, me }: ScreenProps) {
  // One read of the program names for the sections that show them.
  const programs = useCodeNames(api, 'programs');
  return (
    <div className="counselor-grid">
      <h1>ダッシュボード</h1>
      <MyCases api={api} programs={programs} />
      {can(me, Permission.LineReply) && <WaitingConversations api={api} programs={programs} />}
      <DueTasks api={api} canComplete={can(me, Permission.CaseWrite)} />
    </div>
  );
}
