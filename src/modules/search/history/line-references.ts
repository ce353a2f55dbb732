/** Line references inside a query AST: finding them, and rewriting them to history line numbers. */
import type { LimitNode, QueryNode } from '../query/ast.js';

/** Every line label the query refers to, in the order written, each once. */
export function referencedLabels(node: QueryNode): string[] {
  const labels: string[] = [];
  const visit = (n: QueryNode): void => {
    switch (n.kind) {
      case 'lineRef':
        if (!labels.includes(n.label)) labels.push(n.label);
        return;
      case 'and':
      case 'or':
        n.children.forEach(visit);
        return;
      case 'not':
        visit(n.include);
        visit(n.exclude);
        return;
      case 'limit':
        visit(n.target);
        return;
      case 'proximity':
        n.operands.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(node);
  return labels;
}

/** A copy of the query with each line reference's label replaced (labels the map lacks stay as they are). */
export function relabel(node: QueryNode, rename: ReadonlyMap<string, string>): QueryNode {
  switch (node.kind) {
    case 'lineRef':
      return { ...node, label: rename.get(node.label) ?? node.label };
    case 'and':
    case 'or':
      return { ...node, children: node.children.map((child) => relabel(child, rename)) };
    case 'not':
      return { ...node, include: relabel(node.include, rename), exclude: relabel(node.exclude, rename) };
    case 'limit':
      return { ...node, target: relabel(node.target, rename) } satisfies LimitNode;
    case 'proximity':
      return { ...node, operands: node.operands.map((operand) => relabel(operand, rename)) };
    default:
      return node;
  }
}
