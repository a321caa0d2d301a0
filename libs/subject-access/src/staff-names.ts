import { Role, ROLE_LABELS } from '@tsunagu/common';

/**
 * How staff appear in a disclosure export. `redacted` (the default): as their role and a letter
 * (相談員A, 査察指導員B), never a name or login id — in DV cases the person asking may be made
 * to ask by the perpetrator, who must not learn which counselor to look for. `shown`: display
 * names, when the city decides she may know them.
 */
export enum StaffNameMode {
  Redacted = 'redacted',
  Shown = 'shown',
}

export const STAFF_NAME_MODE_LABELS: Record<StaffNameMode, string> = {
  [StaffNameMode.Redacted]: '職員名を伏せる（役割＋記号）',
  [StaffNameMode.Shown]: '職員名を表示する',
};

export interface StaffMember {
  role: Role;
  displayName: string;
}

/** A, B … Z, AA, AB …: the n-th letter (0-based) as spreadsheet columns count. */
export function letterOf(n: number): string {
  let out = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) out = String.fromCharCode(65 + ((i - 1) % 26)) + out;
  return out;
}

/**
 * Names staff within one export. In `redacted` mode each person gets the next free letter of
 * their role the first time they are named, and keeps it for the rest of the export; letters
 * mean nothing outside it.
 */
export class StaffNames {
  private readonly assigned = new Map<string, string>();
  private readonly nextByRole = new Map<string, number>();

  constructor(
    readonly mode: StaffNameMode,
    private readonly staff: ReadonlyMap<string, StaffMember>,
  ) {}

  /** The name to print for `userId`; null for no one (an automatic reply, an undecided request). */
  of(userId: string | null | undefined): string | null {
    if (!userId) return null;
    const member = this.staff.get(userId);
    const role = member ? ROLE_LABELS[member.role] : '職員';
    if (this.mode === StaffNameMode.Shown) return member?.displayName ?? role;
    const known = this.assigned.get(userId);
    if (known) return known;
    const n = this.nextByRole.get(role) ?? 0;
    this.nextByRole.set(role, n + 1);
    const name = `${role}${letterOf(n)}`;
    this.assigned.set(userId, name);
    return name;
  }
}
