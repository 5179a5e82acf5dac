import type { CapturedMail, SmtpSink } from './smtp-sink.js';

/** The messages to `to` whose text matches `pattern`, in arrival order. */
export function mailsTo(sink: SmtpSink, to: string, pattern: RegExp): CapturedMail[] {
  return sink.messages.filter((m) => m.to.includes(to.toLowerCase()) && pattern.test(m.text));
}

/**
 * Waits for the next matching message after the `seen` that had already arrived (`mailsTo(...).length` taken
 * before the action that sends it), so a test can tell a second reset link from the first.
 */
export async function waitForNextMail(
  sink: SmtpSink,
  to: string,
  pattern: RegExp,
  seen: number,
  timeoutMs = 10_000,
): Promise<CapturedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailsTo(sink, to, pattern)[seen];
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no message #${seen + 1} to ${to} matching ${pattern} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Gives the mail queue time to deliver anything it was going to, then returns what arrived for `to`. */
export async function settledMailsTo(sink: SmtpSink, to: string, pattern: RegExp, quietMs = 750): Promise<CapturedMail[]> {
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  return mailsTo(sink, to, pattern);
}
