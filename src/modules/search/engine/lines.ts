/** Line references (`#3`) replaced by the lines they name, through the history layer's resolver. */
import type { QueryNode } from '../query/ast.js';
import { LineCycleError, type SearchProblem, UnknownLineError } from './errors.js';

/** The query of a line by its label, or undefined when there is no such line. */
export type LineResolver = (label: string) => QueryNode | undefined;

/**
 * The query with every line reference replaced (recursively); problems are collected, and a reference
 * that cannot be replaced stays as it is.
 */
export function substituteLines(node: QueryNode, resolveLine: LineResolver | undefined, problems: SearchProblem[], open: readonly string[] = []): QueryNode {
  const again = (child: QueryNode) => substituteLines(child, resolveLine, problems, open);
  switch (node.kind) {
    case 'lineRef': {
      if (open.includes(node.label)) {
        problems.push(new LineCycleError(node.label, node.span));
        return node;
      }
      const line = resolveLine?.(node.label);
      if (!line) {
        problems.push(new UnknownLineError(node.label, node.span));
        return node;
      }
      return substituteLines(line, resolveLine, problems, [...open, node.label]);
    }
    case 'and':
    case 'or':
      return { ...node, children: node.children.map(again) };
    case 'not':
      return { ...node, include: again(node.include), exclude: again(node.exclude) };
    case 'limit':
      return { ...node, target: again(node.target) };
    case 'proximity':
      return { ...node, operands: node.operands.map(again) };
    default:
      return node;
  }
}
