import { ClientSearch } from './ClientSearch';
import { can, type ScreenProps } from '../../ui/screen';
import { Permission } from '../../labels';

/** 相談者検索 as a screen of its own; counselors may register a new client from it. */
export function ClientSearchScreen({ api, me }: ScreenProps) {
  return <ClientSearch api={api} canRegister={can(me, Permission.CaseWrite)} />;
}
