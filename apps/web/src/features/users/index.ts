// What other features may use of users: the list of people (administrators'), for choosing one.
export { useUsers } from "./api/users.ts";
