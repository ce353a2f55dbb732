type Json = Record<string, unknown>;

interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

interface OperationView {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: FieldRow[];
  bodyFields: FieldRow[];
  responses: { status: string; description: string }[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function typeOf(schema: Json | undefined): string {
  if (!schema) return 'any';
  if (Array.isArray(schema.enum)) return `one of: ${(schema.enum as unknown[]).map(String).join(', ')}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type ?? 'any');
  const limits = [
    schema.minLength !== undefined ? `min length ${String(schema.minLength)}` : '',
    schema.maxLength !== undefined ? `max length ${String(schema.maxLength)}` : '',
    schema.format ? `format ${String(schema.format)}` : '',
  ].filter(Boolean);
  return limits.length > 0 ? `${type} (${limits.join(', ')})` : type;
}

function fieldsOf(schema: Json | undefined): FieldRow[] {
  const properties = (schema?.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema?.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    type: typeOf(property),
    required: required.has(name),
    description: String(property.description ?? ''),
  }));
}

function operationView(path: string, method: string, op: Json): OperationView {
  const parameters = ((op.parameters ?? []) as Json[]).map((p) => ({
    name: `${String(p.name)} (${String(p.in)})`,
    type: typeOf(p.schema as Json | undefined),
    required: Boolean(p.required),
    description: String(p.description ?? (p.schema as Json | undefined)?.description ?? ''),
  }));
  const body = ((op.requestBody as Json | undefined)?.content as Record<string, { schema?: Json }> | undefined)?.['application/json']?.schema;
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>).map(([status, r]) => ({
    status,
    description: String(r.description ?? ''),
  }));
  return {
    id: `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '').toLowerCase(),
    method: method.toUpperCase(),
    path,
    summary: String(op.summary ?? ''),
    description: String(op.description ?? ''),
    parameters,
    bodyFields: fieldsOf(body),
    responses,
  };
}

/** Turns the OpenAPI document into what the readable docs page shows, grouped by tag. */
export function apiDocsView(document: unknown, errorCodes: readonly { code: string; status: number; meaning: string }[]) {
  const doc = document as Json;
  const groups = new Map<string, OperationView[]>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const tag = String(((op.tags ?? []) as string[])[0] ?? 'Other');
      groups.set(tag, [...(groups.get(tag) ?? []), operationView(path, method, op)]);
    }
  }
  return {
    pageTitle: 'khub API',
    info: doc.info as Json,
    groups: [...groups].map(([tag, operations]) => ({ tag, operations })),
    errorCodes,
  };
}
