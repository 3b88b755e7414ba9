import {
  type CreateWorkstreamRequest,
  type RetireRequest,
  type UpdateWorkstreamRequest,
  WorkstreamResponse,
} from "@fundline/schemas";
import { sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";
import { refreshAfterDeliveryChange } from "../../../lib/query-keys.ts";

const path = (id: string) => `/api/workstreams/${encodeURIComponent(id)}`;

// A workstream groups the programme's records: its page and history refresh.
const useWorkstreamMutation = <Variables, Result>(
  programmeId: string,
  mutationFn: (variables: Variables) => Promise<Result>,
) => useRefreshingMutation(mutationFn, (queryClient) => refreshAfterDeliveryChange(queryClient, programmeId));

export const useCreateWorkstream = (programmeId: string) =>
  useWorkstreamMutation(programmeId, (workstream: CreateWorkstreamRequest) =>
    sendJson("POST", `/api/programmes/${encodeURIComponent(programmeId)}/workstreams`, workstream, WorkstreamResponse),
  );

export const useUpdateWorkstream = (programmeId: string) =>
  useWorkstreamMutation(programmeId, ({ id, change }: { id: string; change: UpdateWorkstreamRequest }) =>
    sendJson("PATCH", path(id), change, WorkstreamResponse),
  );

export const useRetireWorkstream = (programmeId: string) =>
  useWorkstreamMutation(programmeId, ({ id, retirement }: { id: string; retirement: RetireRequest }) =>
    sendJson("POST", `${path(id)}/retire`, retirement, WorkstreamResponse),
  );
