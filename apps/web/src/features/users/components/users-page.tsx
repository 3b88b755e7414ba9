import { ROLE_NAMES, ROLES, type Role } from "@fundline/domain";
import { type InvitedUserResponse, InviteUserRequest, type UserResponse } from "@fundline/schemas";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import {
  clearSignInFailures,
  getOrganisations,
  getRolePolicies,
  getSignInFailures,
  getUsers,
  inviteUser,
  rolePolicyKey,
  setRolePolicy,
  setUserActive,
  userKeys,
} from "../api/users.ts";

/** Administrators invite people, see who can sign in, and deactivate or reactivate them. */
export function UsersPage() {
  const users = useQuery({ queryKey: userKeys.all, queryFn: getUsers });
  return (
    <>
      <h1>Users</h1>
      <InviteUserForm />
      <RolePolicies />
      <h2>Everyone with an account</h2>
      {users.isPending && <p aria-busy="true">Loading users…</p>}
      {users.isError && <p role="alert">Users could not be loaded: {users.error.message}</p>}
      {users.data && <UsersTable users={users.data.users} />}
    </>
  );
}

function UsersTable({ users }: { users: UserResponse[] }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState("");
  const failures = useQuery({ queryKey: userKeys.signInFailures, queryFn: getSignInFailures });
  const failuresOf = new Map((failures.data?.accounts ?? []).map((account) => [account.userId, account]));
  const clear = useMutation({
    mutationFn: (user: UserResponse) => clearSignInFailures(user.id),
    onSuccess: (_cleared, user) => {
      setStatus(`${user.displayName}'s failed sign-ins are cleared: they can sign in now.`);
      return queryClient.invalidateQueries({ queryKey: userKeys.signInFailures });
    },
    onError: (error) => setStatus(error.message),
  });
  const toggle = useMutation({
    mutationFn: ({ user, active }: { user: UserResponse; active: boolean }) => setUserActive(user, active),
    onSuccess: (user) => {
      setStatus(
        `${user.displayName} ${user.active ? "can sign in again" : "is deactivated and signed out everywhere"}.`,
      );
      return queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: (error) => {
      setStatus(error.message);
      // A 409 means the list is out of date: show the current state so the next click works.
      return queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });
  return (
    <>
      <p role="status">{status}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
      <section className="table-scroll" aria-label="Everyone with an account" tabIndex={0}>
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
                    {failuresOf.has(user.id) && (
                      <button
                        type="button"
                        className="secondary"
                        disabled={clear.isPending}
                        onClick={() => clear.mutate(user)}
                      >
                        Clear failed sign-ins<span className="visually-hidden"> of {user.displayName}</span>
                      </button>
                    )}
                    <button
                      type="button"
                      className="secondary"
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate({ user, active: !user.active })}
                    >
                      {user.active ? "Deactivate" : "Reactivate"}
                      <span className="visually-hidden"> {user.displayName}</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
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
  const queryClient = useQueryClient();
  const organisations = useQuery({ queryKey: userKeys.organisations, queryFn: getOrganisations });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [invited, setInvited] = useState<InvitedUserResponse | null>(null);
  const invite = useMutation({
    mutationFn: inviteUser,
    onSuccess: (user) => {
      setInvited(user);
      return queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: (error) => {
      const fields = "fields" in error ? (error.fields as { path: string; message: string }[]) : [];
      setErrors(Object.fromEntries(fields.map((field) => [field.path.replace(/^body\./, ""), field.message])));
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setInvited(null);
    const form = new FormData(event.currentTarget);
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
    invite.mutate(parsed.data);
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
            {new Date(invited.invitationExpiresAt).toLocaleDateString("en-GB")}):{" "}
            <code>{`${window.location.origin}${invited.invitationUrl}`}</code>
          </p>
        )}
      </div>
    </section>
  );
}

/** Which roles must sign in with a code from an authenticator app as well as a password. */
function RolePolicies() {
  const queryClient = useQueryClient();
  const policies = useQuery({ queryKey: rolePolicyKey, queryFn: getRolePolicies });
  const [status, setStatus] = useState("");
  const change = useMutation({
    mutationFn: ({ role, version, required }: { role: Role; version: number; required: boolean }) =>
      setRolePolicy({ role, version }, required),
    onSuccess: (policy) =>
      setStatus(
        `${ROLE_NAMES[policy.role]}s ${policy.totpRequired ? "must now" : "no longer have to"} use two-factor sign-in.`,
      ),
    onError: (error) => setStatus(error.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rolePolicyKey }),
  });
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
              change.mutate({ role: policy.role, version: policy.version, required: event.currentTarget.checked })
            }
          />
          <label htmlFor={`totp-${policy.role}`}>{ROLE_NAMES[policy.role]}s</label>
        </div>
      ))}
      <p role="status">{status}</p>
    </fieldset>
  );
}
