import type { ProgrammeDetail } from "@fundline/schemas";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { SelectField } from "../../../components/forms/fields.tsx";
import { NotFound, QueryPage } from "../../../components/page/page-states.tsx";
import { useProgramme } from "../api/get-programme.ts";

/** A page about the programme in the address (`/programmes/:id/…`): its states, then the page. */
export function WithProgramme({ children }: { children: (programme: ProgrammeDetail) => ReactNode }) {
  const { id = "" } = useParams();
  const programme = useProgramme(id);
  return (
    <QueryPage query={programme} what="programme">
      {children}
    </QueryPage>
  );
}

/**
 * A page about one of the programme's records, named by the address parameter `param`: not
 * found (in words for the record) when the programme has no such record.
 */
export function WithProgrammeRecord<Shown extends { id: string }>({
  what,
  param,
  records,
  children,
}: {
  what: string;
  param: string;
  records: (programme: ProgrammeDetail) => Shown[];
  children: (programme: ProgrammeDetail, record: Shown) => ReactNode;
}) {
  const params = useParams();
  return (
    <WithProgramme>
      {(programme) => {
        const record = records(programme).find((each) => each.id === params[param]);
        return record ? children(programme, record) : <NotFound what={what} />;
      }}
    </WithProgramme>
  );
}

/** Which of the programme's workstreams a record belongs to, if any: shown only when it has some. */
export function WorkstreamField({ programme }: { programme: ProgrammeDetail }) {
  if (programme.workstreams.length === 0) return null;
  return (
    <SelectField
      name="workstreamId"
      label="Workstream (optional)"
      options={[
        { value: "", label: "None" },
        ...programme.workstreams.map((workstream) => ({ value: workstream.id, label: workstream.name })),
      ]}
    />
  );
}
