// What other features may use of partners: the lead council's switch for a partner's rights.
export { PartnerRightsToggle } from "./components/partner-rights.tsx";
