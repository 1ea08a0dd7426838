/**
 * How long a wait for a condition may last before a test is taken to hang. Tests wait for conditions, never
 * for time: this is only the point at which a test that will never get there is ended, far beyond anything
 * a busy machine needs. Speed is measured by `npm run bench`, not by tests.
 */
export const HANG_BACKSTOP_MS = 4 * 60_000;
