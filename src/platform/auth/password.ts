import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import).
const ARGON2ID = 2;
import type { SecurityPolicy } from './policy.ts';

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes): memory-hard, ~20 ms here.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

const CLASSES: [string, RegExp][] = [
  ['小写字母', /[a-z]/],
  ['大写字母', /[A-Z]/],
  ['数字', /[0-9]/],
  ['符号', /[^a-zA-Z0-9]/],
];

/** Chinese explanations of every way the password breaks the policy; empty when it complies. */
export function passwordProblems(password: string, policy: SecurityPolicy, username: string): string[] {
  const problems: string[] = [];
  if (password.length < policy.passwordMinLength) problems.push(`长度至少 ${policy.passwordMinLength} 位`);
  if (password.length > 128) problems.push('长度不能超过 128 位');
  const used = CLASSES.filter(([, re]) => re.test(password)).length;
  if (used < policy.passwordClasses) {
    problems.push(`须包含${CLASSES.map(([n]) => n).join('、')}中的至少 ${policy.passwordClasses} 类`);
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('不能包含用户名');
  return problems;
}

/** A random password that satisfies any allowed policy (all four classes, 16 characters). */
export function generatePassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#$%^&*-_=+'];
  const chars = sets.map((s) => s[randomInt(s.length)]);
  const all = sets.join('');
  while (chars.length < 16) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
