/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Profile {\n    me {\n      id\n      email\n      emailVerified\n      createdAt\n      roles\n      totpEnabled\n      locked\n      loginStats {\n        successCount\n        failureCount\n        lastLoginAt\n        lastFailureAt\n      }\n      riskEvents(first: 5) {\n        eventId\n        occurredAt\n        score\n        reasons\n        ip\n        userAgent\n      }\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  mutation SetupTotp($currentPassword: String!) {\n    setupTotp(currentPassword: $currentPassword) {\n      secret\n      otpauthUrl\n      qrCodeDataUrl\n    }\n  }\n": typeof types.SetupTotpDocument,
    "\n  mutation EnableTotp($code: String!) {\n    enableTotp(code: $code) {\n      enabled\n      recoveryCodes\n    }\n  }\n": typeof types.EnableTotpDocument,
    "\n  mutation DisableTotp($password: String!, $code: String!) {\n    disableTotp(password: $password, code: $code)\n  }\n": typeof types.DisableTotpDocument,
    "\n  mutation RegenerateRecoveryCodes($currentPassword: String!) {\n    regenerateRecoveryCodes(currentPassword: $currentPassword)\n  }\n": typeof types.RegenerateRecoveryCodesDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation RequestEmailChange($currentPassword: String!, $newEmail: String!) {\n    requestEmailChange(currentPassword: $currentPassword, newEmail: $newEmail)\n  }\n": typeof types.RequestEmailChangeDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      expiresAt\n      ip\n      userAgent\n      amr\n      current\n      device {\n        id\n        userAgent\n        firstSeenAt\n        lastSeenAt\n        lastIp\n      }\n    }\n    me {\n      id\n      devices {\n        id\n        userAgent\n        firstSeenAt\n        lastSeenAt\n        lastIp\n      }\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation LogoutOthers {\n    logoutOthers\n  }\n": typeof types.LogoutOthersDocument,
    "\n  query MyInvitations {\n    invitations(first: 50) {\n      id\n      email\n      status\n      createdAt\n      expiresAt\n      acceptedAt\n      acceptedBy {\n        id\n        email\n      }\n    }\n  }\n": typeof types.MyInvitationsDocument,
    "\n  mutation CreateInvitation($email: String, $expiresInHours: Int) {\n    createInvitation(email: $email, expiresInHours: $expiresInHours) {\n      code\n      link\n      invitation {\n        id\n        email\n        status\n        createdAt\n        expiresAt\n      }\n    }\n  }\n": typeof types.CreateInvitationDocument,
    "\n  query Viewer {\n    me {\n      id\n      email\n      emailVerified\n      createdAt\n      roles\n      totpEnabled\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      tokenType\n      expiresIn\n      refreshToken\n      sessionId\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      userId\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      verified\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token) {\n      email\n    }\n  }\n": typeof types.ConfirmEmailChangeDocument,
    "\n  mutation RequestEmailVerification($email: String!) {\n    requestEmailVerification(email: $email)\n  }\n": typeof types.RequestEmailVerificationDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      tokenType\n      expiresIn\n      refreshToken\n      sessionId\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  query ConsoleAuditLog($filter: AuditFilter, $first: Int!, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          seq\n          type\n          occurredAt\n          recordedAt\n          actorId\n          actor {\n            id\n            email\n          }\n          subjectId\n          subject {\n            id\n            email\n          }\n          ip\n          userAgent\n          details\n          hash\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConsoleAuditLogDocument,
    "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      ok\n      checked\n      firstBrokenSeq\n      problem\n      reason\n      headSeq\n      headHash\n    }\n  }\n": typeof types.VerifyAuditChainDocument,
    "\n  fragment ConsoleAccountSummary on User {\n    id\n    email\n    emailVerified\n    createdAt\n    roles\n    locked\n    totpEnabled\n  }\n": typeof types.ConsoleAccountSummaryFragmentDoc,
    "\n  query ConsoleSystemOverview {\n    systemOverview {\n      id\n      ok\n      checkedAt\n      components {\n        name\n        ok\n        detail\n      }\n      eventConsumers {\n        group\n        stream\n        pending\n        lag\n        detail\n      }\n      signingKeys {\n        kid\n        status\n        createdAt\n        retiredAt\n        leavesJwksAt\n        ageSeconds\n      }\n    }\n  }\n": typeof types.ConsoleSystemOverviewDocument,
    "\n  mutation RotateSigningKey {\n    rotateSigningKey {\n      kid\n    }\n  }\n": typeof types.RotateSigningKeyDocument,
    "\n  query ConsoleAnalytics($from: DateTime!, $to: DateTime!) {\n    authStats(from: $from, to: $to) {\n      from\n      to\n      registrations\n      loginsSucceeded\n      loginsFailed\n      lockouts\n      distinctUsers\n      failuresByReason {\n        reason\n        count\n      }\n    }\n    signupsByDay(from: $from, to: $to) {\n      day\n      count\n    }\n  }\n": typeof types.ConsoleAnalyticsDocument,
    "\n  query ConsoleUserDetail($id: ID!, $withLoginStats: Boolean!) {\n    user(id: $id) {\n      ...ConsoleAccountSummary\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        ip\n        userAgent\n        amr\n      }\n      loginStats @include(if: $withLoginStats) {\n        successCount\n        failureCount\n        lastLoginAt\n      }\n      auditTrail(first: 20) {\n        id\n        type\n        occurredAt\n        actorId\n        ip\n        details\n      }\n    }\n  }\n": typeof types.ConsoleUserDetailDocument,
    "\n  mutation GrantRole($userId: ID!, $role: String!) {\n    grantRole(userId: $userId, role: $role)\n  }\n": typeof types.GrantRoleDocument,
    "\n  mutation RevokeRole($userId: ID!, $role: String!) {\n    revokeRole(userId: $userId, role: $role)\n  }\n": typeof types.RevokeRoleDocument,
    "\n  mutation LockUser($userId: ID!, $reason: String!) {\n    lockUser(userId: $userId, reason: $reason) {\n      id\n      locked\n    }\n  }\n": typeof types.LockUserDocument,
    "\n  mutation UnlockUser($userId: ID!) {\n    unlockUser(userId: $userId) {\n      id\n      locked\n    }\n  }\n": typeof types.UnlockUserDocument,
    "\n  mutation RevokeUserSessions($userId: ID!) {\n    revokeUserSessions(userId: $userId)\n  }\n": typeof types.RevokeUserSessionsDocument,
    "\n  query ConsoleUsers($search: String, $filter: UserFilter, $first: Int!, $after: String) {\n    users(search: $search, filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ConsoleAccountSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConsoleUsersDocument,
    "\n  query ApiPing {\n    __typename\n  }\n": typeof types.ApiPingDocument,
};
const documents: Documents = {
    "\n  query Profile {\n    me {\n      id\n      email\n      emailVerified\n      createdAt\n      roles\n      totpEnabled\n      locked\n      loginStats {\n        successCount\n        failureCount\n        lastLoginAt\n        lastFailureAt\n      }\n      riskEvents(first: 5) {\n        eventId\n        occurredAt\n        score\n        reasons\n        ip\n        userAgent\n      }\n    }\n  }\n": types.ProfileDocument,
    "\n  mutation SetupTotp($currentPassword: String!) {\n    setupTotp(currentPassword: $currentPassword) {\n      secret\n      otpauthUrl\n      qrCodeDataUrl\n    }\n  }\n": types.SetupTotpDocument,
    "\n  mutation EnableTotp($code: String!) {\n    enableTotp(code: $code) {\n      enabled\n      recoveryCodes\n    }\n  }\n": types.EnableTotpDocument,
    "\n  mutation DisableTotp($password: String!, $code: String!) {\n    disableTotp(password: $password, code: $code)\n  }\n": types.DisableTotpDocument,
    "\n  mutation RegenerateRecoveryCodes($currentPassword: String!) {\n    regenerateRecoveryCodes(currentPassword: $currentPassword)\n  }\n": types.RegenerateRecoveryCodesDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation RequestEmailChange($currentPassword: String!, $newEmail: String!) {\n    requestEmailChange(currentPassword: $currentPassword, newEmail: $newEmail)\n  }\n": types.RequestEmailChangeDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      expiresAt\n      ip\n      userAgent\n      amr\n      current\n      device {\n        id\n        userAgent\n        firstSeenAt\n        lastSeenAt\n        lastIp\n      }\n    }\n    me {\n      id\n      devices {\n        id\n        userAgent\n        firstSeenAt\n        lastSeenAt\n        lastIp\n      }\n    }\n  }\n": types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": types.RevokeSessionDocument,
    "\n  mutation LogoutOthers {\n    logoutOthers\n  }\n": types.LogoutOthersDocument,
    "\n  query MyInvitations {\n    invitations(first: 50) {\n      id\n      email\n      status\n      createdAt\n      expiresAt\n      acceptedAt\n      acceptedBy {\n        id\n        email\n      }\n    }\n  }\n": types.MyInvitationsDocument,
    "\n  mutation CreateInvitation($email: String, $expiresInHours: Int) {\n    createInvitation(email: $email, expiresInHours: $expiresInHours) {\n      code\n      link\n      invitation {\n        id\n        email\n        status\n        createdAt\n        expiresAt\n      }\n    }\n  }\n": types.CreateInvitationDocument,
    "\n  query Viewer {\n    me {\n      id\n      email\n      emailVerified\n      createdAt\n      roles\n      totpEnabled\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      tokenType\n      expiresIn\n      refreshToken\n      sessionId\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      userId\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      verified\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token) {\n      email\n    }\n  }\n": types.ConfirmEmailChangeDocument,
    "\n  mutation RequestEmailVerification($email: String!) {\n    requestEmailVerification(email: $email)\n  }\n": types.RequestEmailVerificationDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      tokenType\n      expiresIn\n      refreshToken\n      sessionId\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  query ConsoleAuditLog($filter: AuditFilter, $first: Int!, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          seq\n          type\n          occurredAt\n          recordedAt\n          actorId\n          actor {\n            id\n            email\n          }\n          subjectId\n          subject {\n            id\n            email\n          }\n          ip\n          userAgent\n          details\n          hash\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConsoleAuditLogDocument,
    "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      ok\n      checked\n      firstBrokenSeq\n      problem\n      reason\n      headSeq\n      headHash\n    }\n  }\n": types.VerifyAuditChainDocument,
    "\n  fragment ConsoleAccountSummary on User {\n    id\n    email\n    emailVerified\n    createdAt\n    roles\n    locked\n    totpEnabled\n  }\n": types.ConsoleAccountSummaryFragmentDoc,
    "\n  query ConsoleSystemOverview {\n    systemOverview {\n      id\n      ok\n      checkedAt\n      components {\n        name\n        ok\n        detail\n      }\n      eventConsumers {\n        group\n        stream\n        pending\n        lag\n        detail\n      }\n      signingKeys {\n        kid\n        status\n        createdAt\n        retiredAt\n        leavesJwksAt\n        ageSeconds\n      }\n    }\n  }\n": types.ConsoleSystemOverviewDocument,
    "\n  mutation RotateSigningKey {\n    rotateSigningKey {\n      kid\n    }\n  }\n": types.RotateSigningKeyDocument,
    "\n  query ConsoleAnalytics($from: DateTime!, $to: DateTime!) {\n    authStats(from: $from, to: $to) {\n      from\n      to\n      registrations\n      loginsSucceeded\n      loginsFailed\n      lockouts\n      distinctUsers\n      failuresByReason {\n        reason\n        count\n      }\n    }\n    signupsByDay(from: $from, to: $to) {\n      day\n      count\n    }\n  }\n": types.ConsoleAnalyticsDocument,
    "\n  query ConsoleUserDetail($id: ID!, $withLoginStats: Boolean!) {\n    user(id: $id) {\n      ...ConsoleAccountSummary\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        ip\n        userAgent\n        amr\n      }\n      loginStats @include(if: $withLoginStats) {\n        successCount\n        failureCount\n        lastLoginAt\n      }\n      auditTrail(first: 20) {\n        id\n        type\n        occurredAt\n        actorId\n        ip\n        details\n      }\n    }\n  }\n": types.ConsoleUserDetailDocument,
    "\n  mutation GrantRole($userId: ID!, $role: String!) {\n    grantRole(userId: $userId, role: $role)\n  }\n": types.GrantRoleDocument,
    "\n  mutation RevokeRole($userId: ID!, $role: String!) {\n    revokeRole(userId: $userId, role: $role)\n  }\n": types.RevokeRoleDocument,
    "\n  mutation LockUser($userId: ID!, $reason: String!) {\n    lockUser(userId: $userId, reason: $reason) {\n      id\n      locked\n    }\n  }\n": types.LockUserDocument,
    "\n  mutation UnlockUser($userId: ID!) {\n    unlockUser(userId: $userId) {\n      id\n      locked\n    }\n  }\n": types.UnlockUserDocument,
    "\n  mutation RevokeUserSessions($userId: ID!) {\n    revokeUserSessions(userId: $userId)\n  }\n": types.RevokeUserSessionsDocument,
    "\n  query ConsoleUsers($search: String, $filter: UserFilter, $first: Int!, $after: String) {\n    users(search: $search, filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ConsoleAccountSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConsoleUsersDocument,
    "\n  query ApiPing {\n    __typename\n  }\n": types.ApiPingDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile {\n    me {\n      id\n      email\n      emailVerified\n      createdAt\n      roles\n      totpEnabled\n      locked\n      loginStats {\n        successCount\n        failureCount\n        lastLoginAt\n        lastFailureAt\n      }\n      riskEvents(first: 5) {\n        eventId\n        occurredAt\n        score\n        reasons\n        ip\n        userAgent\n      }\n    }\n  }\n"): (typeof documents)["\n  query Profile {\n    me {\n      id\n      email\n      emailVerified\n      createdAt\n      roles\n      totpEnabled\n      locked\n      loginStats {\n        successCount\n        failureCount\n        lastLoginAt\n        lastFailureAt\n      }\n      riskEvents(first: 5) {\n        eventId\n        occurredAt\n        score\n        reasons\n        ip\n        userAgent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetupTotp($currentPassword: String!) {\n    setupTotp(currentPassword: $currentPassword) {\n      secret\n      otpauthUrl\n      qrCodeDataUrl\n    }\n  }\n"): (typeof documents)["\n  mutation SetupTotp($currentPassword: String!) {\n    setupTotp(currentPassword: $currentPassword) {\n      secret\n      otpauthUrl\n      qrCodeDataUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableTotp($code: String!) {\n    enableTotp(code: $code) {\n      enabled\n      recoveryCodes\n    }\n  }\n"): (typeof documents)["\n  mutation EnableTotp($code: String!) {\n    enableTotp(code: $code) {\n      enabled\n      recoveryCodes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableTotp($password: String!, $code: String!) {\n    disableTotp(password: $password, code: $code)\n  }\n"): (typeof documents)["\n  mutation DisableTotp($password: String!, $code: String!) {\n    disableTotp(password: $password, code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegenerateRecoveryCodes($currentPassword: String!) {\n    regenerateRecoveryCodes(currentPassword: $currentPassword)\n  }\n"): (typeof documents)["\n  mutation RegenerateRecoveryCodes($currentPassword: String!) {\n    regenerateRecoveryCodes(currentPassword: $currentPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestEmailChange($currentPassword: String!, $newEmail: String!) {\n    requestEmailChange(currentPassword: $currentPassword, newEmail: $newEmail)\n  }\n"): (typeof documents)["\n  mutation RequestEmailChange($currentPassword: String!, $newEmail: String!) {\n    requestEmailChange(currentPassword: $currentPassword, newEmail: $newEmail)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      expiresAt\n      ip\n      userAgent\n      amr\n      current\n      device {\n        id\n        userAgent\n        firstSeenAt\n        lastSeenAt\n        lastIp\n      }\n    }\n    me {\n      id\n      devices {\n        id\n        userAgent\n        firstSeenAt\n        lastSeenAt\n        lastIp\n      }\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      expiresAt\n      ip\n      userAgent\n      amr\n      current\n      device {\n        id\n        userAgent\n        firstSeenAt\n        lastSeenAt\n        lastIp\n      }\n    }\n    me {\n      id\n      devices {\n        id\n        userAgent\n        firstSeenAt\n        lastSeenAt\n        lastIp\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogoutOthers {\n    logoutOthers\n  }\n"): (typeof documents)["\n  mutation LogoutOthers {\n    logoutOthers\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyInvitations {\n    invitations(first: 50) {\n      id\n      email\n      status\n      createdAt\n      expiresAt\n      acceptedAt\n      acceptedBy {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyInvitations {\n    invitations(first: 50) {\n      id\n      email\n      status\n      createdAt\n      expiresAt\n      acceptedAt\n      acceptedBy {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateInvitation($email: String, $expiresInHours: Int) {\n    createInvitation(email: $email, expiresInHours: $expiresInHours) {\n      code\n      link\n      invitation {\n        id\n        email\n        status\n        createdAt\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateInvitation($email: String, $expiresInHours: Int) {\n    createInvitation(email: $email, expiresInHours: $expiresInHours) {\n      code\n      link\n      invitation {\n        id\n        email\n        status\n        createdAt\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      email\n      emailVerified\n      createdAt\n      roles\n      totpEnabled\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      email\n      emailVerified\n      createdAt\n      roles\n      totpEnabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      tokenType\n      expiresIn\n      refreshToken\n      sessionId\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      tokenType\n      expiresIn\n      refreshToken\n      sessionId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      userId\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      userId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      verified\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      verified\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token) {\n      email\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token) {\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestEmailVerification($email: String!) {\n    requestEmailVerification(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestEmailVerification($email: String!) {\n    requestEmailVerification(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      tokenType\n      expiresIn\n      refreshToken\n      sessionId\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      tokenType\n      expiresIn\n      refreshToken\n      sessionId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAuditLog($filter: AuditFilter, $first: Int!, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          seq\n          type\n          occurredAt\n          recordedAt\n          actorId\n          actor {\n            id\n            email\n          }\n          subjectId\n          subject {\n            id\n            email\n          }\n          ip\n          userAgent\n          details\n          hash\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAuditLog($filter: AuditFilter, $first: Int!, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          seq\n          type\n          occurredAt\n          recordedAt\n          actorId\n          actor {\n            id\n            email\n          }\n          subjectId\n          subject {\n            id\n            email\n          }\n          ip\n          userAgent\n          details\n          hash\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      ok\n      checked\n      firstBrokenSeq\n      problem\n      reason\n      headSeq\n      headHash\n    }\n  }\n"): (typeof documents)["\n  query VerifyAuditChain {\n    verifyAuditChain {\n      ok\n      checked\n      firstBrokenSeq\n      problem\n      reason\n      headSeq\n      headHash\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleAccountSummary on User {\n    id\n    email\n    emailVerified\n    createdAt\n    roles\n    locked\n    totpEnabled\n  }\n"): (typeof documents)["\n  fragment ConsoleAccountSummary on User {\n    id\n    email\n    emailVerified\n    createdAt\n    roles\n    locked\n    totpEnabled\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSystemOverview {\n    systemOverview {\n      id\n      ok\n      checkedAt\n      components {\n        name\n        ok\n        detail\n      }\n      eventConsumers {\n        group\n        stream\n        pending\n        lag\n        detail\n      }\n      signingKeys {\n        kid\n        status\n        createdAt\n        retiredAt\n        leavesJwksAt\n        ageSeconds\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSystemOverview {\n    systemOverview {\n      id\n      ok\n      checkedAt\n      components {\n        name\n        ok\n        detail\n      }\n      eventConsumers {\n        group\n        stream\n        pending\n        lag\n        detail\n      }\n      signingKeys {\n        kid\n        status\n        createdAt\n        retiredAt\n        leavesJwksAt\n        ageSeconds\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateSigningKey {\n    rotateSigningKey {\n      kid\n    }\n  }\n"): (typeof documents)["\n  mutation RotateSigningKey {\n    rotateSigningKey {\n      kid\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAnalytics($from: DateTime!, $to: DateTime!) {\n    authStats(from: $from, to: $to) {\n      from\n      to\n      registrations\n      loginsSucceeded\n      loginsFailed\n      lockouts\n      distinctUsers\n      failuresByReason {\n        reason\n        count\n      }\n    }\n    signupsByDay(from: $from, to: $to) {\n      day\n      count\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAnalytics($from: DateTime!, $to: DateTime!) {\n    authStats(from: $from, to: $to) {\n      from\n      to\n      registrations\n      loginsSucceeded\n      loginsFailed\n      lockouts\n      distinctUsers\n      failuresByReason {\n        reason\n        count\n      }\n    }\n    signupsByDay(from: $from, to: $to) {\n      day\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUserDetail($id: ID!, $withLoginStats: Boolean!) {\n    user(id: $id) {\n      ...ConsoleAccountSummary\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        ip\n        userAgent\n        amr\n      }\n      loginStats @include(if: $withLoginStats) {\n        successCount\n        failureCount\n        lastLoginAt\n      }\n      auditTrail(first: 20) {\n        id\n        type\n        occurredAt\n        actorId\n        ip\n        details\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleUserDetail($id: ID!, $withLoginStats: Boolean!) {\n    user(id: $id) {\n      ...ConsoleAccountSummary\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        ip\n        userAgent\n        amr\n      }\n      loginStats @include(if: $withLoginStats) {\n        successCount\n        failureCount\n        lastLoginAt\n      }\n      auditTrail(first: 20) {\n        id\n        type\n        occurredAt\n        actorId\n        ip\n        details\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantRole($userId: ID!, $role: String!) {\n    grantRole(userId: $userId, role: $role)\n  }\n"): (typeof documents)["\n  mutation GrantRole($userId: ID!, $role: String!) {\n    grantRole(userId: $userId, role: $role)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeRole($userId: ID!, $role: String!) {\n    revokeRole(userId: $userId, role: $role)\n  }\n"): (typeof documents)["\n  mutation RevokeRole($userId: ID!, $role: String!) {\n    revokeRole(userId: $userId, role: $role)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LockUser($userId: ID!, $reason: String!) {\n    lockUser(userId: $userId, reason: $reason) {\n      id\n      locked\n    }\n  }\n"): (typeof documents)["\n  mutation LockUser($userId: ID!, $reason: String!) {\n    lockUser(userId: $userId, reason: $reason) {\n      id\n      locked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlockUser($userId: ID!) {\n    unlockUser(userId: $userId) {\n      id\n      locked\n    }\n  }\n"): (typeof documents)["\n  mutation UnlockUser($userId: ID!) {\n    unlockUser(userId: $userId) {\n      id\n      locked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeUserSessions($userId: ID!) {\n    revokeUserSessions(userId: $userId)\n  }\n"): (typeof documents)["\n  mutation RevokeUserSessions($userId: ID!) {\n    revokeUserSessions(userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUsers($search: String, $filter: UserFilter, $first: Int!, $after: String) {\n    users(search: $search, filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ConsoleAccountSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleUsers($search: String, $filter: UserFilter, $first: Int!, $after: String) {\n    users(search: $search, filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ConsoleAccountSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiPing {\n    __typename\n  }\n"): (typeof documents)["\n  query ApiPing {\n    __typename\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;