import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Reads a secret from the address (a verification or reset token, an invitation code), keeps it in state, and
 * takes it out of the address bar and the history entry, so that it is not left behind in the browser's history
 * for the next person at this computer. The first name present wins.
 */
export function useSecretParam(...names: string[]): string {
  const [params, setParams] = useSearchParams();
  const [value] = useState(() => names.map((name) => params.get(name)).find((v) => v !== null) ?? '');
  // Once, on arrival: later changes of the address are the app's own (and setParams changes with the address).
  const stripped = useRef(false);
  useEffect(() => {
    if (stripped.current) return;
    stripped.current = true;
    if (!names.some((name) => params.has(name))) return;
    const rest = new URLSearchParams(params);
    for (const name of names) rest.delete(name);
    setParams(rest, { replace: true });
  }, [names, params, setParams]);
  return value;
}
