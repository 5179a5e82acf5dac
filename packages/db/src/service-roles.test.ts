import { describe, expect, it } from '@jest/globals';
import { serviceGrantsSql, serviceRolesFromEnv } from './service-roles.js';

const all = {
  DB_ROLE_IDENTITY: 'cbp_identity',
  DB_ROLE_ADMIN: 'cbp_admin',
  DB_ROLE_ANALYTICS: 'cbp_analytics',
  DB_ROLE_GATEWAY: 'cbp_gateway',
};

describe('serviceRolesFromEnv', () => {
  it('none set: owner mode (null); all set: the four roles', () => {
    expect(serviceRolesFromEnv({})).toBeNull();
    expect(serviceRolesFromEnv(all)).toEqual({
      identity: 'cbp_identity',
      admin: 'cbp_admin',
      analytics: 'cbp_analytics',
      gateway: 'cbp_gateway',
    });
  });

  it('refuses half a set, and a name that is not a plain lower-case identifier', () => {
    expect(() => serviceRolesFromEnv({ DB_ROLE_IDENTITY: 'cbp_identity' })).toThrow(
      /missing DB_ROLE_ADMIN, DB_ROLE_ANALYTICS, DB_ROLE_GATEWAY/,
    );
    expect(() => serviceRolesFromEnv({ ...all, DB_ROLE_GATEWAY: 'x"; drop role cbp' })).toThrow(
      /DB_ROLE_GATEWAY must be a lower-case SQL identifier/,
    );
  });
});

describe('serviceGrantsSql', () => {
  it('never grants the audit log more than SELECT and INSERT, and the gateway only the view', () => {
    const sql = serviceGrantsSql({ identity: 'i', admin: 'a', analytics: 'n', gateway: 'g' });
    expect(sql).toContain('grant select, insert on "admin"."audit_log" to "a"');
    expect(sql.filter((s) => s.startsWith('grant') && s.endsWith('to "g"'))).toEqual([
      'grant usage on schema "identity" to "g"',
      'grant select on "identity"."session_principals" to "g"',
    ]);
  });
});
