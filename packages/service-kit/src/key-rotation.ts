/**
 * Redis pub/sub channel on which identity announces a committed signing-key rotation (message: `{"kid": …}`).
 * The gateway reloads the JWKS when it hears one, so tokens of the new key verify at once. Pub/sub is lossy:
 * a missed message only brings back the JWKS refetch-on-unknown-kid path (at most one fetch per 30 s).
 */
export const KEYS_ROTATED_CHANNEL = 'keys:rotated';
