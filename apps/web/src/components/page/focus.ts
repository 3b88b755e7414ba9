// Where focus goes when the page changes: to the new page's confirmation if it has one, else to
// its heading (WCAG 2.4.3). Only after a navigation or sign-in; a first load leaves focus alone
// so the skip link comes first.
let focusPending = false;

export function requestPageFocus() {
  focusPending = true;
}

/** Takes the pending focus, if there is one: true when this element should take it. */
export function claimPageFocus(): boolean {
  if (!focusPending) return false;
  focusPending = false;
  return true;
}
