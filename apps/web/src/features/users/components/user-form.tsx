import { ROLE_NAMES, ROLES } from "@fundline/domain";
import { UpdateUserRequest, type UserResponse } from "@fundline/schemas";
import { useWatch } from "react-hook-form";
import { useParams } from "react-router";
import { CheckboxesField, SelectField, TextField } from "../../../components/forms/fields.tsx";
import { filledIn, SchemaForm, useSchemaForm } from "../../../components/forms/schema-form.tsx";
import { useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { NotFound, QueryPage } from "../../../components/page/page-states.tsx";
import { useProgrammeChoices } from "../../programme-frame/index.ts";
import { useInvitableOrganisations, useUpdateUser, useUsers } from "../api/users.ts";

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_NAMES[role] }));
const UpdateUser = UpdateUserRequest.omit({ active: true }).extend({
  displayName: filledIn(UpdateUserRequest.shape.displayName),
  programmeIds: filledIn(UpdateUserRequest.shape.programmeIds),
});

/** An administrator changes someone's name, role, organisation and (for a programme manager) programmes. */
export function EditUserPage() {
  const { userId } = useParams();
  const users = useUsers();
  return (
    <QueryPage query={users} what="user">
      {(list) => {
        const user = list.users.find((each) => each.id === userId);
        return user ? <EditUserForm user={user} /> : <NotFound what="user" />;
      }}
    </QueryPage>
  );
}

function EditUserForm({ user }: { user: UserResponse }) {
  const organisations = useInvitableOrganisations();
  const save = useUpdateUser();
  const returnTo = useReturnWithConfirmation();
  const form = useSchemaForm(UpdateUser, {
    version: user.version,
    displayName: user.displayName,
    role: user.role,
    organisationId: user.organisation.id,
    programmeIds: user.programmeIds,
  });
  return (
    <FormPage back={{ to: "/users", label: "Back to users" }} caption={user.email} title={`Change ${user.displayName}`}>
      <SchemaForm
        form={form}
        what="user"
        submitLabel="Save"
        cancelTo="/users"
        onSubmit={async (change) => {
          const saved = await save.mutateAsync({
            id: user.id,
            // Only a programme manager's assignments mean anything: anyone else keeps none.
            change: { ...change, programmeIds: change.role === "programme_manager" ? change.programmeIds : [] },
          });
          returnTo("/users", `${saved.displayName} is saved: ${ROLE_NAMES[saved.role]}, ${saved.organisation.name}.`);
        }}
      >
        <TextField name="displayName" label="Name" />
        <SelectField
          name="role"
          label="Role"
          hint="What they may do. It applies from their next request: they need not sign in again."
          options={ROLE_OPTIONS}
        />
        <SelectField
          name="organisationId"
          label="Organisation"
          hint="They see the programmes this organisation leads or is a partner in."
          options={(organisations.data?.organisations ?? [])
            .filter(
              (organisation) => organisation.kinds.includes("council") || organisation.id === user.organisation.id,
            )
            .map((organisation) => ({ value: organisation.id, label: organisation.name }))}
        />
        <Assignments />
      </SchemaForm>
    </FormPage>
  );
}

/** The programmes a programme manager may change: shown only while the role is programme manager. */
function Assignments() {
  const role = useWatch({ name: "role" });
  const programmes = useProgrammeChoices();
  if (role !== "programme_manager") return null;
  return (
    <CheckboxesField
      name="programmeIds"
      label="Programmes they manage"
      hint="They change milestones, deliverables, benefits and risks only on these."
      options={(programmes.data?.programmes ?? []).map((programme) => ({ value: programme.id, label: programme.name }))}
    />
  );
}
