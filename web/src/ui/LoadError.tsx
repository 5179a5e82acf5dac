import { Alert } from './Alert';

/**
 * What a page shows when its data could not be loaded at all: the (friendly) message and a way to ask again.
 * The retry's own rejection is dropped: the query renders its outcome, error included.
 */
export function LoadError({ message, onRetry, retrying }: { message: string; onRetry(): Promise<unknown>; retrying: boolean }) {
  return (
    <div className="stack">
      <Alert tone="error">{message}</Alert>
      <div className="button-row">
        <button type="button" className="button" disabled={retrying} onClick={() => void onRetry().catch(() => undefined)}>
          Try again
        </button>
      </div>
    </div>
  );
}
