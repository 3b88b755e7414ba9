// What other features may use of programmes.
export { useProgramme } from "./api/get-programme.ts";
