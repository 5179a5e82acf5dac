// Pre-account takeover at the service level (docs/design.md §5 (Authentication model), unverified accounts): a
// second registration of an unverified email is a new registration (same id) whose link activates its own
// password; older links die; a verified email is EMAIL_IN_USE; roles are never granted to an unverified account.
import { describe, expect, it } from '@jest/globals';
import { RbacService } from '../rbac/rbac.service.js';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit } from '../testing/identity-test-kit.js';

const EMAIL = 'ops@corp.example';
const ATTACKER = 'the attacker chose this one';
const OWNER = 'the owner chose this other one';

describe('re-registration of an unverified account', () => {
  it("activates the password registered with the verified link; the attacker's password and link die", async () => {
    const kit = createIdentityTestKit();
    const first = await kit.services.registration.register({ email: EMAIL, password: ATTACKER }, kit.meta);
    const attackerLink = await kit.linkTokenIn(EMAIL, 'verify-email');
    const second = await kit.services.registration.register({ email: 'OPS@corp.example', password: OWNER }, kit.meta);
    expect(second).toEqual(first);
    const ownerLink = await kit.linkTokenIn(EMAIL, 'verify-email');

    // Before verification only the latest password gets the password-gated 403.
    expect(await failureOf(kit.services.login.login({ email: EMAIL, password: OWNER }, kit.meta))).toMatchObject({
      code: 'EMAIL_NOT_VERIFIED',
    });
    expect(await failureOf(kit.services.login.login({ email: EMAIL, password: ATTACKER }, kit.meta))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    // Roles wait for verification (the operator's CLI goes through the same grant).
    expect(await failureOf(kit.services.rbac.grant(RbacService.system, first.userId, 'admin', kit.meta))).toMatchObject({
      code: 'EMAIL_NOT_VERIFIED',
      status: 403,
    });

    expect(await failureOf(kit.services.emailVerification.confirm(attackerLink, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
    await kit.services.emailVerification.confirm(ownerLink, kit.meta);
    await kit.services.login.login({ email: EMAIL, password: OWNER }, kit.meta);
    expect(await failureOf(kit.services.login.login({ email: EMAIL, password: ATTACKER }, kit.meta))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(await failureOf(kit.services.registration.register({ email: EMAIL, password: ATTACKER }, kit.meta))).toMatchObject({
      code: 'EMAIL_IN_USE',
      status: 409,
    });
    expect(await kit.services.rbac.grant(RbacService.system, first.userId, 'admin', kit.meta)).toContain('admin');
  });
});
