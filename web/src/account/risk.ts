import type { BadgeTone } from '../ui/StatusBadge';
import type { LoginRiskReason } from './operations';

const REASON_WORDS: Readonly<Record<LoginRiskReason, string>> = {
  NEW_DEVICE: 'new device',
  NEW_IP: 'new network',
  RECENT_FAILURES: 'after failed attempts',
};

/** "new device, new network"; "nothing unusual" for a login that scored on no rule. */
export function describeRiskReasons(reasons: readonly string[]): string {
  if (reasons.length === 0) return 'nothing unusual';
  // A reason added to the schema after this page was written still reads as words, not as a code.
  return reasons.map((reason) => REASON_WORDS[reason as LoginRiskReason] ?? reason.toLowerCase().replace(/_/g, ' ')).join(', ');
}

/** Bands of the 0–100 score: one rule alone (25 or 40 points) is medium, two rules together are high. */
export function riskLevel(score: number): { label: string; tone: BadgeTone } {
  if (score >= 60) return { label: 'High', tone: 'failed' };
  if (score >= 25) return { label: 'Medium', tone: 'pending' };
  return { label: 'Low', tone: 'ok' };
}
