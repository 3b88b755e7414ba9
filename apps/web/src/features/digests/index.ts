// What other features may use of weekly emails: the choice on the account page.
export { WeeklyDigestSection } from "./components/weekly-digest-section.tsx";
