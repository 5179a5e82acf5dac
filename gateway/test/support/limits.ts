import { randomBytes } from 'node:crypto';

/** The sum of identity's `auth_attempts_total{flow="login"}`: how many logins identity actually tried. */
export async function loginAttempts(identityUrl: string): Promise<number> {
  const text = await (await fetch(`${identityUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('auth_attempts_total{') && line.includes('flow="login"')) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** One mutation with `count` aliased `login` calls (each a wrong password for a fresh address). */
export function aliasedLogins(count: number): string {
  const calls = Array.from(
    { length: count },
    (_, i) =>
      `l${i}: login(input: { email: "nobody-${randomBytes(4).toString('hex')}@example.test", password: "wrong password ${i}" }) { accessToken }`,
  );
  return `mutation { ${calls.join(' ')} }`;
}

export const randomEmail = (): string => `rl-${randomBytes(6).toString('hex')}@example.test`;

/** A documentation-range address (RFC 5737) unique to this call, for X-Forwarded-For. */
export const randomClientIp = (): string => `198.51.100.${1 + Math.floor(Math.random() * 254)}`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
