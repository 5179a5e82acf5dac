export { EMAIL_LOCAL_PART_MAX_LENGTH, EMAIL_MAX_LENGTH, normalizeEmailAddress } from './email.js';
export type { EmailNormalization, EmailRefusalReason } from './email.js';
export { ALL_SCOPES, isScope, SCOPES } from './scopes.js';
export type { Scope } from './scopes.js';
export { AUTH_EVENT_STREAM, CONSUMER_GROUPS, deadLetterStream } from './streams.js';
export type { ConsumerGroup } from './streams.js';
export { isCanonicalUuid, isUuid } from './uuid.js';
export {
  AUTH_PAYLOAD_REFRESH_TOKEN,
  IDENTITY_ARGUMENTS,
  IDENTITY_MUTATION_ARGUMENTS,
  IDENTITY_MUTATIONS,
  LOGIN_INPUT_FIELDS,
  REGISTER_INPUT_FIELDS,
} from './identity-operations.js';
export type { IdentityMutation } from './identity-operations.js';
