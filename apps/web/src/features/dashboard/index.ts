// What other features may use of the dashboard: the page itself, as a home page.
export { DashboardPage } from "./components/dashboard-page.tsx";
