import { useCallback, useEffect, useState } from 'react';
import { fetchReadiness } from './readiness';
import type { ReadinessResult } from './readiness';

/** How often the status page asks again while it is open. */
export const READINESS_POLL_MS = 15000;

/**
 * The platform's readiness, asked on mount, every `pollMs` after the previous answer (0 turns polling off)
 * and on `refresh()`. An answer that arrives after unmount or after a newer request started is dropped.
 */
export function useReadiness(pollMs: number = READINESS_POLL_MS): {
  result: ReadinessResult | null;
  checking: boolean;
  refresh: () => void;
} {
  const [round, setRound] = useState(0);
  // The last answer with the request it answers: a request is in flight until its own answer is here.
  const [answer, setAnswer] = useState<{ result: ReadinessResult; round: number; pollMs: number } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    void fetchReadiness(controller.signal).then((next) => {
      if (controller.signal.aborted) return;
      setAnswer({ result: next, round, pollMs });
      if (pollMs > 0) timer = setTimeout(() => setRound((n) => n + 1), pollMs);
    });
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [round, pollMs]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  const checking = answer === null || answer.round !== round || answer.pollMs !== pollMs;
  return { result: answer?.result ?? null, checking, refresh };
}
