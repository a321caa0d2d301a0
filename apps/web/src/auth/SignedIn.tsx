import type { ReactNode } from 'react';
import { IdleWarning } from './IdleWarning';
import { useIdleSignOut } from './use-idle-sign-out';

interface Props {
  idleTimeoutSeconds: number;
  onIdle: () => void;
  onSignOut: () => void;
  keepAlive: () => void;
  children: (signOut: () => void) => ReactNode;
}

/** The signed-in screens under the idle watch; while the warning shows, the page behind is inert. */
export function SignedIn({ idleTimeoutSeconds, onIdle, onSignOut, keepAlive, children }: Props) {
  const { secondsLeft, extend } = useIdleSignOut(idleTimeoutSeconds, onIdle, keepAlive);
  return (
    <>
      <div inert={secondsLeft !== null ? true : undefined}>{children(onSignOut)}</div>
      {secondsLeft !== null && <IdleWarning secondsLeft={secondsLeft} onContinue={extend} onSignOut={onSignOut} />}
    </>
  );
}
