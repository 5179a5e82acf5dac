import { EntitySchema } from '@cbp/db';

/** JSON as stored in `data`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One event from the stream, as the analytics store keeps it. `userId` is the event's subject. */
export interface AuthEvent {
  eventId: string;
  type: string;
  occurredAt: Date;
  userId: string | null;
  actorId: string | null;
  ip: string | null;
  userAgent: string | null;
  data: JsonValue;
}

export const AuthEventSchema = new EntitySchema<AuthEvent>({
  name: 'AuthEvent',
  tableName: 'auth_events',
  properties: {
    eventId: { type: 'uuid', primary: true },
    type: { type: 'text' },
    occurredAt: { type: 'datetime', columnType: 'timestamptz' },
    userId: { type: 'uuid', nullable: true },
    actorId: { type: 'uuid', nullable: true },
    ip: { type: 'text', nullable: true },
    userAgent: { type: 'text', nullable: true },
    data: { type: 'json' },
  },
});
