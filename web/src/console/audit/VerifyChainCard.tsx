import { useLazyQuery } from '@apollo/client/react';
import { Alert } from '../../ui/Alert';
import { consoleErrorOf } from '../shared/console-access';
import { countOf, shortHash } from '../shared/console-format';
import { VERIFY_AUDIT_CHAIN_QUERY } from './audit.operations';
import type { AuditChainProblem, AuditChainReport } from './audit.operations';

const PROBLEM_WORDS: Readonly<Record<AuditChainProblem, string>> = {
  SEQ_GAP: 'entries are missing',
  PREV_HASH_MISMATCH: 'an entry was replaced',
  HASH_MISMATCH: 'an entry was edited',
  ANCHOR_INVALID: 'the chain anchor is missing or was altered',
  TRUNCATED: 'the newest entries were removed after the last checkpoint',
  CHECKPOINT_MISMATCH: 'an entry differs from the signed checkpoint',
};

function ChainOutcome({ report }: { report: AuditChainReport }) {
  if (report.ok) {
    if (report.checked === 0 || !report.headSeq)
      return <Alert tone="success">The audit log is empty: there is nothing to verify yet.</Alert>;
    return (
      <Alert tone="success">
        All {countOf(report.checked, 'entry', 'entries')} verified; head #{report.headSeq}{' '}
        <span className="code" title={report.headHash ?? undefined}>
          {shortHash(report.headHash ?? '')}
        </span>
      </Alert>
    );
  }
  const problem = report.problem ? PROBLEM_WORDS[report.problem] : 'the chain does not verify';
  return (
    <Alert tone="error">
      <p>
        The audit chain is broken at entry #{report.firstBrokenSeq ?? '?'}: {problem}.
      </p>
      <p>
        {countOf(report.checked, 'entry', 'entries')} before it verified intact
        {report.headSeq ? `; the last intact one is #${report.headSeq}` : ''}.
      </p>
    </Alert>
  );
}

/**
 * Walks the whole hash chain on the server. Removal from the very end leaves a chain that still verifies,
 * hence the head shown on success: worth noting somewhere else, to check later that it is still there.
 */
export function VerifyChainCard() {
  const [verify, { data, error, loading }] = useLazyQuery(VERIFY_AUDIT_CHAIN_QUERY, { fetchPolicy: 'network-only' });

  return (
    <section className="card" aria-labelledby="verify-title" aria-busy={loading}>
      <div className="card__header">
        <div>
          <h2 id="verify-title">Integrity</h2>
          <p className="muted">Each entry carries the hash of the one before it, so edits and deletions show.</p>
        </div>
        <button type="button" className="button" onClick={() => void verify().catch(() => undefined)} disabled={loading}>
          {loading ? 'Verifying…' : 'Verify the chain'}
        </button>
      </div>
      {error ? (
        <Alert tone="error">{consoleErrorOf(error)}</Alert>
      ) : data && !loading ? (
        <ChainOutcome report={data.verifyAuditChain} />
      ) : null}
    </section>
  );
}
