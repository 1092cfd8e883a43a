// Password and session policy, set by the security administrator. Defaults follow common 等保 测评 practice.
import type { Db } from '../db/database.ts';
import { readSetting, writeSetting } from '../settings/settings.repository.ts';

export interface SecurityPolicy {
  passwordMinLength: number;
  /** How many of the four classes (lower, upper, digit, symbol) a password must mix. */
  passwordClasses: number;
  /** A new password may not repeat any of the last N. */
  passwordHistory: number;
  /** Days after which a password must be changed; 0 = never. */
  passwordMaxAgeDays: number;
  maxFailedLogins: number;
  lockMinutes: number;
  /** Failed logins from one IP address within the lock window before that address is throttled. */
  maxFailuresPerIp: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}

export const DEFAULT_POLICY: SecurityPolicy = {
  passwordMinLength: 10,
  passwordClasses: 3,
  passwordHistory: 5,
  passwordMaxAgeDays: 90,
  maxFailedLogins: 5,
  lockMinutes: 15,
  maxFailuresPerIp: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
};

export const POLICY_LIMITS: Record<keyof SecurityPolicy, [number, number]> = {
  passwordMinLength: [8, 64],
  passwordClasses: [2, 4],
  passwordHistory: [0, 24],
  passwordMaxAgeDays: [0, 365],
  maxFailedLogins: [3, 10],
  lockMinutes: [5, 1440],
  maxFailuresPerIp: [10, 1000],
  sessionIdleMinutes: [5, 120],
  sessionAbsoluteHours: [1, 24],
};

const KEY = 'security.policy';

export async function loadPolicy(db: Db): Promise<SecurityPolicy> {
  const stored = await readSetting<Partial<SecurityPolicy>>(db, KEY);
  return { ...DEFAULT_POLICY, ...(stored ?? {}) };
}

export async function savePolicy(db: Db, policy: SecurityPolicy, at: string): Promise<void> {
  await writeSetting(db, KEY, policy, at);
}

export function policyViolations(policy: SecurityPolicy): string[] {
  return (Object.keys(POLICY_LIMITS) as (keyof SecurityPolicy)[])
    .filter((k) => {
      const [min, max] = POLICY_LIMITS[k];
      return !Number.isInteger(policy[k]) || policy[k] < min || policy[k] > max;
    })
    .map((k) => `${k} 应在 ${POLICY_LIMITS[k][0]}–${POLICY_LIMITS[k][1]} 之间`);
}
