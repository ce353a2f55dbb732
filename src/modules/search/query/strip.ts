import type { QueryNode } from './ast.js';

/** Removes every `span` from a tree (deep copy), to compare what two queries mean rather than how they were spelt. */
export function stripSpans(node: QueryNode): unknown {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map(stripSpans) };
    case 'not':
      return { kind: node.kind, include: stripSpans(node.include), exclude: stripSpans(node.exclude) };
    case 'proximity':
      return { kind: node.kind, operands: node.operands.map(stripSpans), maxBetween: node.maxBetween, fields: node.fields };
    case 'limit':
      return { kind: node.kind, target: stripSpans(node.target), limits: node.limits };
    default: {
      const { span: _span, ...rest } = node;
      return rest;
    }
  }
}
