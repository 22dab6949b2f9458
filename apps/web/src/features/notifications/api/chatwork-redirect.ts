/** Leaves the app for Chatwork's consent page (its own module so tests can replace it). */
export function redirectToConsent(url: string): void {
  window.location.assign(url);
}
