/** After this many failed sign-ins in a row the account locks. */
export const MAX_FAILED_ATTEMPTS = 5;
/** How long a lockout lasts unless an administrator clears it. */
export const LOCKOUT_MS = 15 * 60 * 1000;
