import type { ScreenProps } from '../ui/screen';
import { AlertsPanel } from '../features/alerts/AlertsPanel';
import { Approvals } from '../features/approvals/Approvals';
import { RetentionPanel } from '../features/retention/RetentionPanel';

/** The supervisor's home: what waits for a decision, the open access alerts about the unit's staff, and clients due for destruction. */
export function SupervisorHome(props: ScreenProps) {
  return (
    <>
      <Approvals {...props} />
      <AlertsPanel {...props} compact />
      <RetentionPanel {...props} compact />
    </>
  );
}
