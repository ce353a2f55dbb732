import type { FastifyRequest } from 'fastify';
import type { AuditEvent } from '../../platform/audit/audit.js';
import { z } from 'zod';
import { errorsByField, errorSummary } from '../../platform/forms/validation.js';
import { type FieldError, NotFoundError } from '../../platform/http/errors.js';
import type { County, Organisation, Region } from './organisation.service.js';
import { ORGANISATION_TYPES } from './organisation.table.js';

/** The page size of the admin list. */
export const PAGE_SIZE = 25;

const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The `:id` of an organisation URL; anything that is not a positive whole number is a 404, never a 500. */
export function organisationIdFrom(request: FastifyRequest): number {
  const parsed = idParam.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError('organisation_not_found', 'There is no organisation with that id.');
  return parsed.data.id;
}

/** The label people read for a type value (`nhs_trust` → NHS trust). */
export function typeLabel(type: string): string {
  return ORGANISATION_TYPES.find((t) => t.value === type)?.text ?? type;
}

/** The error summary and per-field messages every form page needs. */
export function formErrors(errors: readonly FieldError[]) {
  return { errors, errorSummaryModel: errorSummary(errors), fieldErrors: errorsByField(errors) };
}

/** Options for a select, with one chosen, and a first "any"/"not known" option. */
export function selectItems(options: readonly { value: string; text: string }[], selected: unknown, first: string) {
  return [{ value: '', text: first }, ...options.map((o) => ({ ...o, selected: String(selected ?? '') === o.value }))];
}

export function regionItems(regions: readonly Region[], selected: unknown, first: string) {
  return selectItems(regions.map((r) => ({ value: r.code, text: r.name })), selected, first);
}

export function countyItems(counties: readonly County[], selected: unknown) {
  return selectItems(counties.map((c) => ({ value: String(c.id), text: c.name })), selected, 'Not known');
}

export function typeItems(selected: unknown, first?: string) {
  const items = ORGANISATION_TYPES.map((t) => ({ value: t.value, text: t.text }));
  return first === undefined ? items.map((i) => ({ ...i, selected: i.value === selected })) : selectItems(items, selected, first);
}

/** The values an organisation form starts with when editing: the organisation as it is. */
export function formValuesOf(organisation: Organisation, parentOdsCode: string | undefined): Record<string, unknown> {
  const [year, month, day] = organisation.closedOn?.split('-') ?? [];
  return {
    odsCode: organisation.odsCode,
    name: organisation.name,
    type: organisation.type,
    parentOdsCode: parentOdsCode ?? '',
    regionCode: organisation.regionCode ?? '',
    countyId: organisation.countyId === null ? '' : String(organisation.countyId),
    address: organisation.address ?? '',
    postcode: organisation.postcode ?? '',
    closedOn: { day: day ?? '', month: month ?? '', year: year ?? '' },
    accountExpiryMonths: String(organisation.accountExpiryMonths),
  };
}

/** The submitted organisation form, with the three date boxes gathered into one value for the schema. */
export function formValuesFromBody(body: unknown): Record<string, unknown> {
  const fields = (body ?? {}) as Record<string, unknown>;
  return {
    ...fields,
    closedOn: { day: fields['closedOn[day]'] ?? '', month: fields['closedOn[month]'] ?? '', year: fields['closedOn[year]'] ?? '' },
  };
}

/** Page links for the NHS.UK numbered pagination: first, last, and two either side of the current page. */
export function paginationModel(page: number, total: number, hrefFor: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages === 1) return undefined;
  const wanted = [...new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (const [index, number] of wanted.entries()) {
    const previous = wanted[index - 1];
    if (previous !== undefined && number - previous > 1) items.push({ ellipsis: true });
    items.push({ number, href: hrefFor(number), current: number === page });
  }
  return {
    items,
    previous: page > 1 ? { href: hrefFor(page - 1) } : undefined,
    next: page < pages ? { href: hrefFor(page + 1) } : undefined,
  };
}

const ACTION_LABELS: Readonly<Record<string, string>> = {
  'organisation.create': 'Added',
  'organisation.update': 'Details changed',
  'organisation.account_expiry': 'Account length changed',
  'organisation.domain_add': 'Email domain added',
  'organisation.domain_remove': 'Email domain removed',
};

/** One audit event as the organisation page lists it: when, who, and what in words. */
export function auditEventRow(event: AuditEvent): { when: string; who: string; what: string } {
  const label = ACTION_LABELS[event.action] ?? event.action;
  const domain = typeof event.details.domain === 'string' ? event.details.domain : undefined;
  const after = event.details.after;
  const fields = event.action === 'organisation.update' && after && typeof after === 'object' ? Object.keys(after) : [];
  const detail = domain ?? (fields.length > 0 ? fields.join(', ') : undefined);
  return { when: event.createdAt, who: event.actorLabel, what: detail ? `${label}: ${detail}` : label };
}

/** Staff WTE as the page shows it, with the period it describes. */
export function staffWteText(organisation: Organisation): string {
  if (organisation.staffWte === null) return 'Not known';
  const wte = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(organisation.staffWte);
  return organisation.staffWtePeriod ? `${wte} (${organisation.staffWtePeriod})` : wte;
}
