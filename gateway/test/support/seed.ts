import { randomBytes } from 'node:crypto';
import { SmtpSink } from './smtp-sink.js';
import type { TestPlatform } from './platform.js';

export interface SeededUser {
  userId: string;
  email: string;
  password: string;
  /** Signs in over REST and returns the login response body. */
  login(
    extra?: Record<string, unknown>,
  ): Promise<{ accessToken: string; refreshToken: string; sessionId: string; expiresIn: number; tokenType: string }>;
}

/** A chained seed builder (graphql-hive testkit style): `await seed(p).user().verified().create()`. */
export function seed(platform: TestPlatform) {
  return {
    user(options: { email?: string; password?: string } = {}) {
      let verified = false;
      const builder = {
        verified() {
          verified = true;
          return builder;
        },
        async create(): Promise<SeededUser> {
          const email = options.email ?? `user-${randomBytes(6).toString('hex')}@example.test`;
          const password = options.password ?? `correct horse battery ${randomBytes(4).toString('hex')}`;
          const registered = await platform.http<{ userId: string }>('POST', '/auth/register', { body: { email, password } });
          if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
          if (verified) {
            const mail = await platform.mail.waitFor(email, /verify-email\?token=/);
            const confirmed = await platform.http('POST', '/auth/email/verify/confirm', {
              body: { token: SmtpSink.tokenFrom(mail, '/verify-email') },
            });
            if (confirmed.status !== 200) throw new Error(`verify failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
          }
          return {
            userId: registered.body.userId,
            email,
            password,
            async login(extra = {}) {
              const res = await platform.http<{
                accessToken: string;
                refreshToken: string;
                sessionId: string;
                expiresIn: number;
                tokenType: string;
              }>('POST', '/auth/login', {
                body: { email, password, ...extra },
              });
              if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
              return res.body;
            },
          };
        },
      };
      return builder;
    },
  };
}
