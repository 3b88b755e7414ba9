import { ROLE_NAMES } from "@fundline/domain";
import { type CouncilSignInResponse, IdentityProviderSettings } from "@fundline/schemas";
import { useState } from "react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { Link, useParams } from "react-router";
import { CheckboxField, HintAndProblem, SelectField, TextField } from "../../../components/forms/fields.tsx";
import {
  SchemaForm,
  useFieldId,
  useFieldLabel,
  useFieldProblem,
  useSchemaForm,
} from "../../../components/forms/schema-form.tsx";
import { Confirmation, useReturnWithConfirmation } from "../../../components/page/confirmation.tsx";
import { FormPage } from "../../../components/page/form-page.tsx";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { NotFound, QueryPage, QuerySection } from "../../../components/page/page-states.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import { useCouncilSignIn, useRemoveIdentityProvider, useSaveIdentityProvider } from "../api/council-sign-in.ts";

const BACK = { to: "/council-sign-in", label: "Back to council sign-in" };
const GROUP_ROLES = (["finance_officer", "programme_manager", "viewer"] as const).map((role) => ({
  value: role,
  label: ROLE_NAMES[role],
}));

/** Administrators: each council's identity provider, and whether its people may use passwords. */
export function CouncilSignInPage() {
  const councils = useCouncilSignIn();
  return (
    <>
      <Confirmation />
      <PageHeading>Council sign-in</PageHeading>
      <p>
        A council that runs its staff accounts in Microsoft Entra ID or another OpenID Connect provider can let its
        people sign in with those accounts. Only people already invited to Fundline get in, matched by email; their role
        and programmes stay as set here unless the council maps its groups to roles.
      </p>
      <QuerySection query={councils} what="councils">
        {(list) => (
          <>
            <p>
              Register this redirect address with each council's identity provider: <code>{list.redirectUri}</code>
            </p>
            <TableRegion label="How each council signs in">
              <table>
                <caption className="visually-hidden">How each council's people sign in</caption>
                <thead>
                  <tr>
                    <th scope="col">Council</th>
                    <th scope="col">Council accounts</th>
                    <th scope="col">Fundline passwords</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {list.councils.map(({ organisation, identityProvider }) => (
                    <tr key={organisation.id}>
                      <td>{organisation.name}</td>
                      <td>{identityProvider ? identityProvider.issuer : "Not set up"}</td>
                      <td>
                        {!identityProvider || identityProvider.passwordSignIn ? "Allowed" : "Administrators only"}
                      </td>
                      <td>
                        <Link to={`/council-sign-in/${organisation.id}`}>
                          {identityProvider ? "Change" : "Set up"}
                          <span className="visually-hidden"> sign-in for {organisation.name}</span>
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </>
        )}
      </QuerySection>
    </>
  );
}

export function CouncilIdentityProviderPage() {
  const { organisationId } = useParams();
  const councils = useCouncilSignIn();
  return (
    <QueryPage query={councils} what="council">
      {(list) => {
        const council = list.councils.find((each) => each.organisation.id === organisationId);
        return council ? (
          <IdentityProviderForm council={council} redirectUri={list.redirectUri} />
        ) : (
          <NotFound what="council" />
        );
      }}
    </QueryPage>
  );
}

function IdentityProviderForm({ council, redirectUri }: { council: CouncilSignInResponse; redirectUri: string }) {
  const save = useSaveIdentityProvider();
  const remove = useRemoveIdentityProvider();
  const returnTo = useReturnWithConfirmation();
  const [removing, setRemoving] = useState(false);
  const current = council.identityProvider;
  const form = useSchemaForm(IdentityProviderSettings, {
    issuer: current?.issuer ?? "",
    clientId: current?.clientId ?? "",
    clientSecret: "",
    groupsClaim: current?.groupsClaim ?? "",
    groupRoles: current?.groupRoles ?? [],
    passwordSignIn: current?.passwordSignIn ?? true,
    ...(current ? { version: current.version } : {}),
  });
  const name = council.organisation.name;
  return (
    <FormPage
      back={BACK}
      caption="Council sign-in"
      title={current ? `Change how ${name} signs in` : `Set up sign-in for ${name}`}
      lead={
        <p>
          From the council's app registration: its issuer, the application (client) id and a client secret. The redirect
          address to register there is <code>{redirectUri}</code>. Fundline reads the provider's discovery document
          before saving, so a wrong issuer is caught now.
        </p>
      }
    >
      <SchemaForm
        form={form}
        what="sign-in settings"
        submitLabel="Save the sign-in settings"
        cancelTo="/council-sign-in"
        onSubmit={async (settings) => {
          await save.mutateAsync({ organisationId: council.organisation.id, settings });
          returnTo("/council-sign-in", `${name}'s people can sign in with their council account.`);
        }}
      >
        <TextField
          name="issuer"
          label="Issuer"
          hint="For Entra ID: https://login.microsoftonline.com/ followed by the tenant id and /v2.0"
        />
        <TextField name="clientId" label="Client id" />
        <TextField
          name="clientSecret"
          label="Client secret"
          secret
          hint={
            current
              ? "Kept as it is when left blank. Fundline never shows a stored secret."
              : "Fundline keeps it to talk to the provider and never shows it again."
          }
        />
        <TextField
          name="groupsClaim"
          label="Groups claim (optional)"
          hint="The claim that lists a person's groups, if roles should come from them; for Entra ID, groups."
          width="short"
        />
        <GroupRoleRows />
        <CheckboxField
          name="passwordSignIn"
          label="The council's people may also sign in with a Fundline password"
          hint="Untick to make council accounts the only way in. Administrators can always use their password, so a provider that is down does not lock everyone out."
        />
      </SchemaForm>
      {current && (
        <section aria-labelledby="stop-council-sign-in">
          <h2 id="stop-council-sign-in">Stop signing in with council accounts</h2>
          <p>
            {name}'s people will sign in with Fundline passwords again; anyone without one can be sent a new invitation.
          </p>
          <button
            type="button"
            className="warning"
            disabled={removing}
            onClick={async () => {
              setRemoving(true);
              try {
                await remove.mutateAsync(council.organisation.id);
                returnTo("/council-sign-in", `${name}'s people sign in with Fundline passwords.`);
              } finally {
                setRemoving(false);
              }
            }}
          >
            Stop council sign-in for {name}
          </button>
        </section>
      )}
    </FormPage>
  );
}

/** Which of the council's groups give which role; the first a person is in wins. */
function GroupRoleRows() {
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: "groupRoles" });
  useFieldLabel("groupRoles", "Groups and roles");
  const problem = useFieldProblem("groupRoles");
  const id = useFieldId("groupRoles");
  return (
    <fieldset
      className={problem ? "repeated-rows form-group-error" : "repeated-rows"}
      id={id}
      tabIndex={-1}
      aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`}
    >
      <legend>Groups and roles (optional)</legend>
      <HintAndProblem
        id={id}
        hint="With groups listed, a person's role is set from the first group here they are in each time they sign in, and someone in none of them is not let in. Administrators are never made or unmade by a group."
        problem={problem}
      />
      {fields.map((row, index) => (
        <div className="repeated-row" key={row.id}>
          <TextField
            name={`groupRoles.${index}.group`}
            label={`Group ${index + 1} (its id or name as the claim gives it)`}
          />
          <SelectField name={`groupRoles.${index}.role`} label={`Role for group ${index + 1}`} options={GROUP_ROLES} />
          <p>
            <button type="button" className="secondary" onClick={() => remove(index)}>
              Remove<span className="visually-hidden"> group {index + 1}</span>
            </button>
          </p>
        </div>
      ))}
      <p>
        <button type="button" className="secondary" onClick={() => append({ group: "", role: "viewer" })}>
          Add a group
        </button>
      </p>
    </fieldset>
  );
}
