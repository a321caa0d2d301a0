import type { ScreenProps } from '../screen';
import { AlertsPanel } from './AlertsPanel';
import { Approvals } from './Approvals';

/** The supervisor's home: what waits for a decision, then the open access alerts about the unit's staff. */
export function SupervisorHome(props: ScreenProps) {
  return (
    <>
      <Approvals {...props} />
      <AlertsPanel {...props} compact />
    </>
  );
}
