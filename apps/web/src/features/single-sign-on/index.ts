// What other features may use of council sign-in: the choice on the sign-in page.
export { CouncilSignInChoice } from "./components/council-sign-in-choice.tsx";
