import type { ProgrammeDetail } from "@fundline/schemas";
import { useSetPartnerRights } from "../api/partners.ts";

type Partner = ProgrammeDetail["partners"][number];

/**
 * The lead council's switch for a partner's right to add cost lines, workstreams and
 * cost-sharing agreements to the programme (and to record spend on any of its lines). A 409
 * (someone changed the partner meanwhile) is said, and the refreshed row can be tried again.
 */
export function PartnerRightsToggle({ partner, onDone }: { partner: Partner; onDone: (message: string) => void }) {
  const setRights = useSetPartnerRights();
  const granting = !partner.mayAddCostLines;
  return (
    <button
      type="button"
      className="secondary"
      disabled={setRights.isPending}
      onClick={() =>
        setRights.mutate(
          { id: partner.id, rights: { version: partner.version, mayAddCostLines: granting } },
          {
            onSuccess: () =>
              onDone(
                granting
                  ? `${partner.organisation.name} may now add cost lines and record spend on any of the programme's lines.`
                  : `${partner.organisation.name} adds cost lines no more: it records spend only on its own lines.`,
              ),
            onError: (error) => onDone(error.message),
          },
        )
      }
    >
      {granting ? "Let it add cost lines" : "Take back the right"}
      <span className="visually-hidden"> for {partner.organisation.name}</span>
    </button>
  );
}
