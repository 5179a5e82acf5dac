/** Reads every user's analytics and the aggregates. */
export const ANALYTICS_READ_SCOPE = 'analytics:read';
