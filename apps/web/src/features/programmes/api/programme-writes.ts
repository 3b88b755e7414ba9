import {
  type CreateProgrammeRequest,
  ProgrammeDetail,
  ProgrammeSummary,
  type RetireRequest,
  type UpdateProgrammeRequest,
} from "@fundline/schemas";
import { sendJson } from "../../../lib/api-client.ts";
import { useMoneyMutation } from "../../../lib/mutations.ts";

const path = (id: string) => `/api/programmes/${encodeURIComponent(id)}`;

// A programme's dates and total cost move its findings and the portfolio's: refreshed as money.
export const useCreateProgramme = () =>
  useMoneyMutation((programme: CreateProgrammeRequest) =>
    sendJson("POST", "/api/programmes", programme, ProgrammeDetail),
  );

export const useUpdateProgramme = () =>
  useMoneyMutation(({ id, change }: { id: string; change: UpdateProgrammeRequest }) =>
    sendJson("PATCH", path(id), change, ProgrammeDetail),
  );

export const useRetireProgramme = () =>
  useMoneyMutation(({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `${path(id)}/retire`, retirement, ProgrammeSummary),
  );
