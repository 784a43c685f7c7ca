/**
 * The questionnaire domain as the web app imports it: the wire format, visibility conditions, answer shapes
 * and validation, and the labels — the same code the server runs, with no Node.js dependency (only zod).
 */
export * from './answers.js';
export * from './compose.js';
export * from './conditions.js';
export * from './labels.js';
export * from './schema.js';
export * from './validate-answers.js';
export * from './wire.js';
