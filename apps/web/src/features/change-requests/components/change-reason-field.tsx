import { formatPence } from "@fundline/domain";
import { TextAreaField } from "../../../components/forms/fields.tsx";
import { useSession } from "../../session/index.ts";

/**
 * Why a money change is made: asked on every money form, needed when the change is above the
 * council's approval threshold (it then waits for a second person, who reads this).
 */
export function ChangeReasonField() {
  const session = useSession();
  const threshold = formatPence(session.user.organisation.approvalThresholdPence);
  return (
    <TextAreaField
      name="changeReason"
      label="Why is this being recorded or changed? (needed above your council's approval threshold)"
      hint={`A change of more than ${threshold} waits for another finance officer or an administrator to approve it; they read this. For example, “The funder's variation letter of 2 December”.`}
      rows={2}
    />
  );
}
