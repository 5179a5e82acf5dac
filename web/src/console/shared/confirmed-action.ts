import { useState } from 'react';
import { consoleErrorOf } from './console-access';

export type CardOutcome = { tone: 'success' | 'error'; text: string } | null;

/**
 * A card's action behind a confirm step, and what came of it. `ask` opens the step (the last outcome goes),
 * `confirm` runs the action and closes the step whatever happens. The action resolves to its success message
 * (null: nothing to say); a failure is worded as the console words errors.
 */
export function useConfirmedAction(action: () => Promise<string | null>) {
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<CardOutcome>(null);

  function ask() {
    setOutcome(null);
    setConfirming(true);
  }

  async function confirm() {
    setOutcome(null);
    try {
      const text = await action();
      if (text) setOutcome({ tone: 'success', text });
    } catch (error) {
      setOutcome({ tone: 'error', text: consoleErrorOf(error) });
    } finally {
      setConfirming(false);
    }
  }

  return { confirming, outcome, ask, cancel: () => setConfirming(false), confirm };
}
