interface CursorPagerProps {
  /** The nav's accessible name, e.g. "Pages of accounts". */
  label: string;
  /** The button back to the start, e.g. "First page". */
  firstLabel: string;
  /** The cursor the shown page starts after; null on the first page. */
  after: string | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  onGo(after: string | null): void;
}

/** Back to the first page and on to the next of a cursor-paged list; nothing while the list fits on one page. */
export function CursorPager({ label, firstLabel, after, pageInfo, onGo }: CursorPagerProps) {
  const next = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  if (!after && !pageInfo.hasNextPage) return null;
  return (
    <nav aria-label={label} className="button-row">
      {after ? (
        <button type="button" className="button" onClick={() => onGo(null)}>
          {firstLabel}
        </button>
      ) : null}
      {next ? (
        <button type="button" className="button" onClick={() => onGo(next)}>
          Next page
        </button>
      ) : null}
    </nav>
  );
}
