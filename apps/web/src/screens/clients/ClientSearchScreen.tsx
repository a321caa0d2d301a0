import { ClientSearch } from '../ClientSearch';
import type { ScreenProps } from '../screen';

/** 相談者検索 as a screen of its own. */
export function ClientSearchScreen({ api }: ScreenProps) {
  return <ClientSearch api={api} />;
}
