/**
 * The account lifecycle's dates, as pure functions. Expiry is set per organisation (1–60 months,
 * default 24); warnings go 4 and 2 weeks before; a suspended or closed account is deleted after a
 * grace period (default 90 days).
 */
export const DEFAULT_EXPIRY_MONTHS = 24;
export const EXPIRY_WARNING_DAYS = [28, 14] as const;
export const DELETION_GRACE_DAYS = 90;

const DAY_MS = 86_400_000;

/** The date access ends when eligibility is confirmed now: the same day of the month, months later (clamped to month end). */
export function expiryDate(from: Date, months: number): Date {
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target;
}

/** Which warning (28 or 14 days) is due now for an account expiring at `expiresAt`, given the last one sent; null if none. */
export function dueExpiryWarning(expiresAt: Date, now: Date, lastWarningDays: number | null): number | null {
  const daysLeft = (expiresAt.getTime() - now.getTime()) / DAY_MS;
  if (daysLeft <= 0) return null;
  const due = EXPIRY_WARNING_DAYS.filter((days) => daysLeft <= days);
  const closest = due.length > 0 ? Math.min(...due) : null;
  if (closest === null) return null;
  return lastWarningDays !== null && lastWarningDays <= closest ? null : closest;
}

/** When the data of an account suspended or closed at `at` is deleted. */
export function deletionDate(at: Date, graceDays = DELETION_GRACE_DAYS): Date {
  return new Date(at.getTime() + graceDays * DAY_MS);
}
