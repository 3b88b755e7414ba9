import {
  BenefitReadingListResponse,
  BenefitReadingResponse,
  BenefitResponse,
  type CreateBenefitRequest,
  type RecordBenefitReadingRequest,
} from "@fundline/schemas";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../../lib/api-client.ts";
import { useRefreshingMutation } from "../../../lib/mutations.ts";
import { refreshAfterDeliveryChange } from "../../../lib/query-keys.ts";

/** This feature's queries: each benefit's readings. */
const benefitKeys = {
  readings: (benefitId: string) => ["benefits", benefitId, "readings"] as const,
};

/** Every reading of a benefit, oldest first: what its chart plots. */
export const benefitReadingsQueryOptions = (benefitId: string) =>
  queryOptions({
    queryKey: benefitKeys.readings(benefitId),
    queryFn: () =>
      getJson(
        `/api/benefits/${encodeURIComponent(benefitId)}/readings?sort=readOn&direction=asc&pageSize=500`,
        BenefitReadingListResponse,
      ),
  });

export const useBenefitReadings = (benefitId: string) => useQuery(benefitReadingsQueryOptions(benefitId));

export const createBenefit = (benefit: CreateBenefitRequest) =>
  sendJson("POST", "/api/benefits", benefit, BenefitResponse);

export const recordBenefitReading = (benefitId: string, reading: RecordBenefitReadingRequest) =>
  sendJson("POST", `/api/benefits/${encodeURIComponent(benefitId)}/readings`, reading, BenefitReadingResponse);

export function useCreateBenefit(programmeId: string) {
  return useRefreshingMutation(createBenefit, (queryClient) => refreshAfterDeliveryChange(queryClient, programmeId));
}

/** A new reading moves the benefit's latest value (programme page) and its chart (readings). */
export function useRecordBenefitReading(programmeId: string, benefitId: string) {
  return useRefreshingMutation(
    (reading: RecordBenefitReadingRequest) => recordBenefitReading(benefitId, reading),
    (queryClient) =>
      Promise.all([
        refreshAfterDeliveryChange(queryClient, programmeId),
        queryClient.invalidateQueries({ queryKey: benefitKeys.readings(benefitId) }),
      ]),
  );
}

/** The programme's owner approves a submitted reading: the dashboards then show it. */
export function useApproveReading(programmeId: string, benefitId: string) {
  return useRefreshingMutation(
    (reading: BenefitReadingResponse) =>
      sendJson(
        "POST",
        `/api/benefit-readings/${encodeURIComponent(reading.id)}/approve`,
        { version: reading.version },
        BenefitReadingResponse,
      ),
    (queryClient) =>
      Promise.all([
        refreshAfterDeliveryChange(queryClient, programmeId),
        queryClient.invalidateQueries({ queryKey: benefitKeys.readings(benefitId) }),
      ]),
  );
}
