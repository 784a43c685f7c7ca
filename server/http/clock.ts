/**
 * The app's clock: what routes pass to services as "now". The server uses the system clock; a test or a
 * demo can build the app with a fixed one (Config.clock), so stored timestamps are reproducible.
 */
export type Clock = () => string;

/** The current time as an ISO 8601 UTC string, the format of every timestamp column. */
export const systemClock: Clock = () => new Date().toISOString();
