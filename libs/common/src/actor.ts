// Plain TypeScript with no imports: the web app reads ROLE_LABELS from here.

/** Roles of DESIGN.md. */
export enum Role {
  Counselor = 'counselor',
  Supervisor = 'supervisor',
  Statistician = 'statistician',
  Liaison = 'liaison',
  Admin = 'admin',
}

export const ROLES = Object.values(Role);

/** The roles' Japanese names, for screens (apps/web/src/labels.ts) and exports alike. */
export const ROLE_LABELS: Record<Role, string> = {
  [Role.Counselor]: '相談員',
  [Role.Supervisor]: '査察指導員',
  [Role.Statistician]: '統計担当',
  [Role.Liaison]: '庁内連携窓口',
  [Role.Admin]: 'システム管理者',
};

/** Who is acting, passed explicitly from the controller into every service call. */
export interface Actor {
  userId: string;
  role: Role;
  /** 相談係 etc., for counselors and supervisors. */
  unitId: string | null;
  /** For liaison staff. */
  departmentId: string | null;
  sessionId: string;
  requestId: string;
  ip: string | null;
}

/** Request facts for events that happen before anyone is authenticated (login, webhook). */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
}
