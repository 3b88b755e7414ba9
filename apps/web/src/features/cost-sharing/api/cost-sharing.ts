import {
  CostSharingAgreementResponse,
  type CreateCostSharingAgreementRequest,
  type RetireRequest,
  type UpdateCostSharingAgreementRequest,
} from "@fundline/schemas";
import { sendJson } from "../../../lib/api-client.ts";
import { useMoneyMutation } from "../../../lib/mutations.ts";

const path = (id: string) => `/api/cost-sharing-agreements/${encodeURIComponent(id)}`;

export const useCreateCostSharingAgreement = (programmeId: string) =>
  useMoneyMutation((agreement: CreateCostSharingAgreementRequest) =>
    sendJson(
      "POST",
      `/api/programmes/${encodeURIComponent(programmeId)}/cost-sharing-agreements`,
      agreement,
      CostSharingAgreementResponse,
    ),
  );

export const useUpdateCostSharingAgreement = () =>
  useMoneyMutation(({ id, change }: { id: string; change: UpdateCostSharingAgreementRequest }) =>
    sendJson("PATCH", path(id), change, CostSharingAgreementResponse),
  );

export const useRetireCostSharingAgreement = () =>
  useMoneyMutation(({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `${path(id)}/retire`, retirement, CostSharingAgreementResponse),
  );
