import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type ASTVisitor,
  type DefinitionNode,
  type DocumentNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * How deep a document may nest: its brackets (selection sets, arguments, list and object values),
 * checked on the text before parsing (src/http), and its selections with fragment spreads
 * followed into their fragments, checked before the limit rules run. graphql-js parses, and
 * several validation rules walk, a document recursively; far beyond this depth they overflow the
 * stack (measured near 2,000 levels for the parser and 2,000–3,000 fragments for GraphQL Armor's
 * rules). No real operation comes close.
 */
export const maxNesting = 500;

const opening = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const closing = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * The deepest bracket nesting of a source, found by its tokens, iteratively. Stops after
 * `maxTokens` tokens or at a lexical error: the parser refuses those documents itself.
 */
export function lexicalNesting(source: string, maxTokens: number): number {
  const lexer = new Lexer(new Source(source));
  let depth = 0;
  let deepest = 0;
  try {
    for (let count = 0; count <= maxTokens; count += 1) {
      const token = lexer.advance();
      if (token.kind === TokenKind.EOF) break;
      if (opening.has(token.kind)) deepest = Math.max(deepest, ++depth);
      else if (closing.has(token.kind)) depth -= 1;
    }
  } catch {
    // A syntax error: the parser will say where.
  }
  return deepest;
}

/** The nesting depth of one selection set and the fragment spreads it holds, with their level. */
function shapeOf(root: SelectionSetNode): { depth: number; spreads: { name: string; level: number }[] } {
  const spreads: { name: string; level: number }[] = [];
  const pending: [SelectionSetNode, number][] = [[root, 1]];
  let depth = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [set, level] = next;
    depth = Math.max(depth, level);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) spreads.push({ name: selection.name.value, level });
      else if (selection.selectionSet) pending.push([selection.selectionSet, level + 1]);
    }
  }
  return { depth, spreads };
}

/**
 * The deepest path through a document's operations, fragment spreads followed into their fragments.
 * It is computed without recursion: each fragment once, and a cycle (which validation reports)
 * counts only once.
 */
export function effectiveNesting(document: DocumentNode): number {
  const fragments = new Map<string, SelectionSetNode>();
  const roots: SelectionSetNode[] = [];
  for (const definition of document.definitions as readonly DefinitionNode[]) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
    else if (definition.kind === Kind.OPERATION_DEFINITION) roots.push(definition.selectionSet);
  }
  const shapes = new Map<string, ReturnType<typeof shapeOf>>();
  const shape = (name: string) => {
    let known = shapes.get(name);
    if (!known) {
      const set = fragments.get(name);
      known = set ? shapeOf(set) : { depth: 0, spreads: [] };
      shapes.set(name, known);
    }
    return known;
  };
  const depthOf = new Map<string, number>();
  const deepestThrough = (own: ReturnType<typeof shapeOf>) =>
    own.spreads.reduce((deepest, s) => Math.max(deepest, s.level + (depthOf.get(s.name) ?? 0)), own.depth);
  // The depth of each fragment, in post-order over an explicit stack (one frame per fragment,
  // with the index of the next spread to look at).
  const resolve = (start: string) => {
    const inProgress = new Set<string>([start]);
    const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { name: string; next: number };
      const own = shape(frame.name);
      const spread = own.spreads[frame.next];
      if (spread) {
        frame.next += 1;
        if (!depthOf.has(spread.name) && !inProgress.has(spread.name)) {
          inProgress.add(spread.name);
          stack.push({ name: spread.name, next: 0 });
        }
        continue;
      }
      depthOf.set(frame.name, deepestThrough(own));
      inProgress.delete(frame.name);
      stack.pop();
    }
  };
  let deepest = 0;
  for (const root of roots) {
    const own = shapeOf(root);
    for (const spread of own.spreads) if (!depthOf.has(spread.name)) resolve(spread.name);
    deepest = Math.max(deepest, deepestThrough(own));
  }
  return deepest;
}

const nestingOfDocument = new WeakMap<DocumentNode, number>();

/** {@link effectiveNesting}, computed once per document for all the rules that ask. */
function nestingOf(document: DocumentNode): number {
  let nesting = nestingOfDocument.get(document);
  if (nesting === undefined) {
    nesting = effectiveNesting(document);
    nestingOfDocument.set(document, nesting);
  }
  return nesting;
}

/** Reports an operation that nests deeper than {@link maxNesting} through its fragments. */
export function nestingLimitRule(context: ValidationContext): ASTVisitor {
  if (nestingOf(context.getDocument()) > maxNesting) {
    context.reportError(new GraphQLError(`Operation nests more than ${maxNesting} levels deep through its fragments.`));
  }
  return {};
}

/**
 * Runs a rule that walks fragment spreads recursively (GraphQL Armor's depth, alias, directive and
 * cost rules) only on documents within the nesting bound. The others are reported by
 * {@link nestingLimitRule}, so their validation ends in a 400 rather than a stack overflow (HTTP 500).
 */
export function withinNesting(rule: ValidationRule): ValidationRule {
  return (context) => (nestingOf(context.getDocument()) > maxNesting ? {} : rule(context));
}
