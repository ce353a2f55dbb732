import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/** NCSC and NIST advice: a length floor and a check against common passwords, no composition rules. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
const MIN_SCORE = 3;

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
// algorithm 2 is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const ARGON2_OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

export type PasswordCheck = { ok: true } | { ok: false; message: string };

/** Judges a new password; `personal` holds the person's name and email so they cannot be the password. */
export function checkPasswordStrength(password: string, personal: readonly string[] = []): PasswordCheck {
  if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, message: `Password must be ${MIN_PASSWORD_LENGTH} characters or more` };
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, message: `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer` };
  const words = personal.flatMap((p) => p.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length >= 3);
  const result = zxcvbn.check(password, ['khub', 'nhs', 'library', 'password', ...words]);
  if (result.score >= MIN_SCORE) return { ok: true };
  const why = result.feedback.warning ? `${result.feedback.warning.replace(/\.$/, '')}. ` : '';
  return { ok: false, message: `${why}Choose a password that is harder to guess, such as three or more random words` };
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash (an account that never had a password) simply does not match.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so response times do not reveal whether an account exists. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('khub-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
