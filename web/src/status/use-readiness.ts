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
  const [result, setResult] = useState<ReadinessResult | null>(null);
  const [checking, setChecking] = useState(true);
  const [round, setRound] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setChecking(true);
    void fetchReadiness(controller.signal).then((next) => {
      if (controller.signal.aborted) return;
      setResult(next);
      setChecking(false);
      if (pollMs > 0) timer = setTimeout(() => setRound((n) => n + 1), pollMs);
    });
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [round, pollMs]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  return { result, checking, refresh };
}
