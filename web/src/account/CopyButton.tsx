import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/** True when the browser offers the asynchronous clipboard (secure contexts only). */
export function canCopy(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.clipboard?.writeText === 'function';
}

/**
 * Copies `text` with navigator.clipboard and says so. Renders nothing where there is no clipboard (plain http,
 * old browsers): the text it copies is always on the page to select by hand.
 */
export function CopyButton({
  text,
  label = 'Copy',
  className = 'button button--small',
}: {
  text: string;
  label?: string;
  className?: string;
}) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  if (!canCopy()) return null;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <span className="copy">
      <button type="button" className={className} onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy__status muted" role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy: select the text and copy it by hand.' : ''}
      </span>
    </span>
  );
}
