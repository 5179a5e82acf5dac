import { EntitySchema } from '@cbp/db';

/** A signed-in session: 30 days from login (absolute, see docs/authentication.md), bound to a device. */
export interface Session {
  id: string;
  userId: string;
  deviceId: string | null;
  amr: string[];
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokeReason: string | null;
}

export const SessionSchema = new EntitySchema<Session>({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    deviceId: { type: 'uuid', nullable: true },
    amr: { type: 'text[]' },
    ip: { type: 'text', nullable: true },
    userAgent: { type: 'text', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    lastSeenAt: { type: 'datetime', columnType: 'timestamptz' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
    revokedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    revokeReason: { type: 'text', nullable: true },
  },
});

/** One refresh token of a session: `id.secret` is handed out once; only SHA-256(secret) is kept. */
export interface RefreshToken {
  id: string;
  sessionId: string;
  secretHash: string;
  createdAt: Date;
  expiresAt: Date;
  rotatedAt: Date | null;
  /** The token its rotation issued (null until rotated, and for a token killed by a grace reuse). */
  replacedById: string | null;
  /** When its one grace reuse happened (docs/design.md §5 (Authentication model)). */
  graceUsedAt: Date | null;
}

export const RefreshTokenSchema = new EntitySchema<RefreshToken>({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: {
    id: { type: 'uuid', primary: true },
    sessionId: { type: 'uuid' },
    secretHash: { type: 'text', hidden: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
    rotatedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    replacedById: { type: 'uuid', nullable: true },
    graceUsedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});

/** A device a user signed in from, keyed by a hash of its fingerprint. */
export interface Device {
  id: string;
  userId: string;
  fingerprintHash: string;
  userAgent: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  lastIp: string | null;
}

export const DeviceSchema = new EntitySchema<Device>({
  name: 'Device',
  tableName: 'devices',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    fingerprintHash: { type: 'text' },
    userAgent: { type: 'text', nullable: true },
    firstSeenAt: { type: 'datetime', columnType: 'timestamptz' },
    lastSeenAt: { type: 'datetime', columnType: 'timestamptz' },
    lastIp: { type: 'text', nullable: true },
  },
});
