// What other features may use of the calendar: the person's calendar address, on their account page.
export { CalendarFeedSection } from "./components/calendar-feed-section.tsx";
