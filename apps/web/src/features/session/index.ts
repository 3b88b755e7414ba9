// What other features may use of the session: who is signed in and what they may do.
export { useChangesMoneyOf, useSession, useShapesProgramme } from "./components/session-gate.tsx";
