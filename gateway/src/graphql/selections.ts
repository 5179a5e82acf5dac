import { Kind } from 'graphql';
import type { DocumentNode, FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';

/** The document's fragment definitions by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return fragments;
}

/**
 * Calls `each` for every field of a selection set, in document order, looking through inline fragments and named
 * spreads. Each spread is walked (two spreads of one fragment yield its fields twice, as aliases would run them);
 * cycles are cut. @skip/@include are not evaluated: callers that must not under-count rely on that.
 */
export function forEachField(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  each: (field: FieldNode) => void,
  seen: ReadonlySet<string> = new Set(),
): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) each(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) forEachField(selection.selectionSet, fragments, each, seen);
    else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (fragment && !seen.has(name)) forEachField(fragment.selectionSet, fragments, each, new Set([...seen, name]));
    }
  }
}
