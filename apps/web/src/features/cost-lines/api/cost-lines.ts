import {
  CostLineResponse,
  type CreateCostLineRequest,
  type RetireRequest,
  type UpdateCostLineRequest,
} from "@fundline/schemas";
import { sendJson } from "../../../lib/api-client.ts";
import { useMoneyMutation } from "../../../lib/mutations.ts";

export const useCreateCostLine = (programmeId: string) =>
  useMoneyMutation((line: CreateCostLineRequest) =>
    sendJson("POST", `/api/programmes/${encodeURIComponent(programmeId)}/cost-lines`, line, CostLineResponse),
  );

export const useUpdateCostLine = () =>
  useMoneyMutation(({ id, change }: { id: string; change: UpdateCostLineRequest }) =>
    sendJson("PATCH", `/api/cost-lines/${encodeURIComponent(id)}`, change, CostLineResponse),
  );

export const useRetireCostLine = () =>
  useMoneyMutation(({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `/api/cost-lines/${encodeURIComponent(id)}/retire`, retirement, CostLineResponse),
  );
