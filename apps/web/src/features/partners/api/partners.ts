import {
  type AddPartnerRequest,
  PartnerResponse,
  type PartnerRightsRequest,
  type UpdatePartnerRequest,
} from "@fundline/schemas";
import { sendJson } from "../../../lib/api-client.ts";
import { useMoneyMutation } from "../../../lib/mutations.ts";

// Partners decide who shares costs and who may see the programme: refreshed as money.
export const useAddPartner = (programmeId: string) =>
  useMoneyMutation((partner: AddPartnerRequest) =>
    sendJson("POST", `/api/programmes/${encodeURIComponent(programmeId)}/partners`, partner, PartnerResponse),
  );

export const useUpdatePartner = () =>
  useMoneyMutation(({ id, change }: { id: string; change: UpdatePartnerRequest }) =>
    sendJson("PATCH", `/api/partners/${encodeURIComponent(id)}`, change, PartnerResponse),
  );

/** The lead council grants (or takes back) a partner's right to add cost lines and workstreams. */
export const useSetPartnerRights = () =>
  useMoneyMutation(({ id, rights }: { id: string; rights: PartnerRightsRequest }) =>
    sendJson("PATCH", `/api/partners/${encodeURIComponent(id)}/rights`, rights, PartnerResponse),
  );
