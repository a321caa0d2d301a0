/** Roles of DESIGN.md. */
export enum Role {
  Counselor = 'counselor',
  Supervisor = 'supervisor',
  Statistician = 'statistician',
  Liaison = 'liaison',
  Admin = 'admin',
}

export const ROLES = Object.values(Role);

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
