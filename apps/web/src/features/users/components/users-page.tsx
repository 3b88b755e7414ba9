import { formatDateTime, ROLE_NAMES, ROLES, type Role } from "@fundline/domain";
import { type InvitedUserResponse, InviteUserRequest, type UserResponse } from "@fundline/schemas";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import { Confirmation } from "../../../components/page/confirmation.tsx";
import { PageHeading } from "../../../components/page/page-heading.tsx";
import { QuerySection } from "../../../components/page/page-states.tsx";
import { TableRegion } from "../../../components/ui/table-region.tsx";
import {
  useClearSignInFailures,
  useInvitableOrganisations,
  useInviteUser,
  useRolePolicies,
  useSetRolePolicy,
  useSetUserActive,
  useSignInFailures,
  useUsers,
} from "../api/users.ts";

/** Administrators invite people, see who can sign in, and deactivate or reactivate them. */
export function UsersPage() {
  const users = useUsers();
  return (
    <>
      <Confirmation />
      <PageHeading>Users</PageHeading>
      <p>
        <Link to="/council-sign-in">Council sign-in</Link>: let a council's people sign in with their own accounts.
      </p>
      <InviteUserForm />
      <RolePolicies />
      <h2>Everyone with an account</h2>
      <QuerySection query={users} what="users">
        {(list) => <UsersTable users={list.users} />}
      </QuerySection>
    </>
  );
}

function UsersTable({ users }: { users: UserResponse[] }) {
  const [status, setStatus] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);
  const failures = useSignInFailures();
  const failuresOf = new Map((failures.data?.accounts ?? []).map((account) => [account.userId, account]));
  const clear = useClearSignInFailures();
  const toggle = useSetUserActive();
  return (
    <>
      <p role="status">{status}</p>
      <TableRegion label="Everyone with an account">
        <table>
          <caption className="visually-hidden">Users, their roles and whether they can sign in</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Organisation</th>
              <th scope="col">Status</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.displayName}</th>
                <td>{user.email}</td>
                <td>{ROLE_NAMES[user.role]}</td>
                <td>{user.organisation.name}</td>
                <td>
                  {!user.active ? "Deactivated" : user.invited ? "Invited" : "Active"}
                  <SignInFailures failures={failuresOf.get(user.id)} />
                </td>
                <td>
                  <div className="actions">
                    <Link to={`/users/${user.id}/edit`} className="button-link secondary">
                      Change<span className="visually-hidden"> {user.displayName}</span>
                    </Link>
                    {failuresOf.has(user.id) && (
                      <button
                        type="button"
                        className="secondary"
                        disabled={clear.isPending}
                        onClick={() =>
                          clear.mutate(user, {
                            onSuccess: () =>
                              setStatus(`${user.displayName}'s failed sign-ins are cleared: they can sign in now.`),
                            onError: (error) => setStatus(error.message),
                          })
                        }
                      >
                        Clear failed sign-ins<span className="visually-hidden"> of {user.displayName}</span>
                      </button>
                    )}
                    {confirming === user.id ? (
                      // Deactivating ends every session at once: asked once more, saying so.
                      <fieldset aria-labelledby={`confirm-${user.id}`} className="confirm">
                        <p id={`confirm-${user.id}`} tabIndex={-1} ref={(element) => element?.focus()}>
                          Deactivate {user.displayName}? They are signed out everywhere at once and cannot sign in until
                          someone reactivates them.
                        </p>
                        <button
                          type="button"
                          disabled={toggle.isPending}
                          onClick={() =>
                            toggle.mutate(
                              { user, active: false },
                              {
                                onSuccess: (changed) => {
                                  setConfirming(null);
                                  setStatus(`${changed.displayName} is deactivated and signed out everywhere.`);
                                },
                                onError: (error) => setStatus(error.message),
                              },
                            )
                          }
                        >
                          Yes, deactivate<span className="visually-hidden"> {user.displayName}</span>
                        </button>
                        <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </fieldset>
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        disabled={toggle.isPending}
                        onClick={() =>
                          user.active
                            ? setConfirming(user.id)
                            : toggle.mutate(
                                { user, active: true },
                                {
                                  onSuccess: (changed) => setStatus(`${changed.displayName} can sign in again.`),
                                  onError: (error) => setStatus(error.message),
                                },
                              )
                        }
                      >
                        {user.active ? "Deactivate" : "Reactivate"}
                        <span className="visually-hidden"> {user.displayName}</span>
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

/** Beside a person's status: how many sign-ins failed today, and whether that has locked them out. */
function SignInFailures({ failures }: { failures: { failures: number; locked: boolean } | undefined }) {
  if (!failures) return null;
  const count = `${failures.failures} failed sign-in${failures.failures === 1 ? "" : "s"} today`;
  return failures.locked ? (
    <strong className="sign-in-locked"> — locked: {count}</strong>
  ) : (
    <span className="hint"> — {count}</span>
  );
}

function InviteUserForm() {
  const id = useId();
  const organisations = useInvitableOrganisations();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [invited, setInvited] = useState<InvitedUserResponse | null>(null);
  const invite = useInviteUser();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setInvited(null);
    const element = event.currentTarget;
    const form = new FormData(element);
    const parsed = InviteUserRequest.safeParse({
      email: form.get("email"),
      displayName: form.get("displayName"),
      organisationId: form.get("organisationId"),
      role: form.get("role"),
    });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setErrors({});
    invite.mutate(parsed.data, {
      // Cleared for the next person; the link for this one stays shown below.
      onSuccess: (user) => {
        setInvited(user);
        element.reset();
      },
      onError: (error) => {
        const fields = "fields" in error ? (error.fields as { path: string; message: string }[]) : [];
        setErrors(Object.fromEntries(fields.map((field) => [field.path.replace(/^body\./, ""), field.message])));
      },
    });
  };

  const error = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`${id}-${name}-error`}>
        <span className="visually-hidden">Error: </span>
        {errors[name]}
      </p>
    ) : null;
  const described = (name: string) =>
    errors[name] ? { "aria-invalid": true, "aria-describedby": `${id}-${name}-error` } : {};

  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>Invite someone</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-email`}>Email address</label>
          {error("email")}
          <input id={`${id}-email`} name="email" type="email" autoComplete="off" {...described("email")} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-displayName`}>Name</label>
          {error("displayName")}
          <input id={`${id}-displayName`} name="displayName" autoComplete="off" {...described("displayName")} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-organisationId`}>Organisation</label>
          {error("organisationId")}
          <select id={`${id}-organisationId`} name="organisationId" {...described("organisationId")}>
            {organisations.data?.organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          {error("role")}
          <select id={`${id}-role`} name="role" defaultValue={"viewer" satisfies Role}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_NAMES[role]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={invite.isPending}>
          Invite
        </button>
      </form>
      <div role="status">
        {invited && (
          <p>
            {invited.displayName} is invited. Send them this link (it works once, until{" "}
            {formatDateTime(invited.invitationExpiresAt)}):{" "}
            <code>{`${window.location.origin}${invited.invitationUrl}`}</code>
          </p>
        )}
      </div>
    </section>
  );
}

/** Which roles must sign in with a code from an authenticator app as well as a password. */
function RolePolicies() {
  const policies = useRolePolicies();
  const [status, setStatus] = useState("");
  const change = useSetRolePolicy();
  return (
    <fieldset className="panel">
      <legend>Require two-factor sign-in</legend>
      {policies.data?.policies.map((policy) => (
        <div key={policy.role} className="checkbox">
          <input
            type="checkbox"
            id={`totp-${policy.role}`}
            checked={policy.totpRequired}
            disabled={change.isPending}
            onChange={(event) =>
              change.mutate(
                { role: policy.role, version: policy.version, required: event.currentTarget.checked },
                {
                  onSuccess: (changed) =>
                    setStatus(
                      `${ROLE_NAMES[changed.role]}s ${changed.totpRequired ? "must now" : "no longer have to"} use two-factor sign-in.`,
                    ),
                  onError: (error) => setStatus(error.message),
                },
              )
            }
          />
          <label htmlFor={`totp-${policy.role}`}>{ROLE_NAMES[policy.role]}s</label>
        </div>
      ))}
      <p role="status">{status}</p>
    </fieldset>
  );
}
