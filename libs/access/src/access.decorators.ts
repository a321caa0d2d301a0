import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { Permission } from './permissions';

export const ACCESS_METADATA = 'tsunagu:access';

/** How a route is reached: exactly one of these is on every route, or the guard refuses it. */
export type RouteAccess =
  | { kind: 'public' }
  /** Any signed-in user, for their own session (me, logout); `duringMfaEnrolment` also before MFA is set up. */
  | { kind: 'authenticated'; duringMfaEnrolment: boolean }
  /** Roles holding any one of `permissions`. */
  | { kind: 'permission'; permissions: Permission[] };

/** Open to anyone: login, health, the signature-checked LINE webhook. */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies RouteAccess);

/** Any signed-in user acting on their own account. */
export const Authenticated = (options: { duringMfaEnrolment?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'authenticated', duringMfaEnrolment: options.duringMfaEnrolment ?? false } satisfies RouteAccess),
    ApiBearerAuth(),
  );

/** Only roles holding `permission`, or one of several (role-permissions.ts). */
export const RequirePermission = (permission: Permission, ...orAnyOf: Permission[]) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'permission', permissions: [permission, ...orAnyOf] } satisfies RouteAccess),
    ApiBearerAuth(),
  );
