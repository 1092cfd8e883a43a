// Accounts as the citizen and the support staff see them: personal data decrypted only to be masked here.
import type { Citizen } from './citizens.tables.ts';
import {
  type PersonalDataCipher,
  maskEmail,
  maskIdNumber,
  maskName,
  maskPhone,
} from '../../platform/crypto/personal-data.ts';

export interface AccountView {
  id: number;
  accountType: 'person' | 'organization';
  displayName: string;
  phone: string | null;
  email: string | null;
  realName: string | null;
  idNumber: string | null;
  orgName: string | null;
  creditCode: string | null;
  hasPassword: boolean;
  identityLinked: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  consents: { document: 'terms' | 'privacy'; version: string; acceptedAt: string }[];
}

export interface CitizenListItem {
  id: number;
  accountType: 'person' | 'organization';
  displayName: string;
  phone: string | null;
  email: string | null;
  idNumber: string | null;
  orgName: string | null;
  status: 'active' | 'disabled' | 'deleted';
  disabledReason: string | null;
  identityLinked: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

const open = (cipher: PersonalDataCipher, value: string | null, mask: (v: string) => string) =>
  value ? mask(cipher.decrypt(value)) : null;

export function accountView(
  c: Citizen,
  consents: { document: string; version: string; accepted_at: string }[],
  cipher: PersonalDataCipher,
): AccountView {
  return {
    id: c.id,
    accountType: c.account_type as AccountView['accountType'],
    displayName: c.display_name,
    phone: open(cipher, c.phone_enc, maskPhone),
    email: open(cipher, c.email_enc, maskEmail),
    realName: open(cipher, c.real_name_enc, maskName),
    idNumber: open(cipher, c.id_number_enc, maskIdNumber),
    orgName: c.org_name,
    creditCode: c.credit_code,
    hasPassword: Boolean(c.password_hash),
    identityLinked: Boolean(c.oidc_subject),
    createdAt: c.created_at,
    lastLoginAt: c.last_login_at,
    consents: consents.map((x) => ({
      document: x.document as 'terms' | 'privacy',
      version: x.version,
      acceptedAt: x.accepted_at,
    })),
  };
}

export function listItem(c: Citizen, cipher: PersonalDataCipher): CitizenListItem {
  return {
    id: c.id,
    accountType: c.account_type as CitizenListItem['accountType'],
    displayName: c.display_name,
    phone: open(cipher, c.phone_enc, maskPhone),
    email: open(cipher, c.email_enc, maskEmail),
    idNumber: open(cipher, c.id_number_enc, maskIdNumber),
    orgName: c.org_name,
    status: c.status as CitizenListItem['status'],
    disabledReason: c.disabled_reason,
    identityLinked: Boolean(c.oidc_subject),
    createdAt: c.created_at,
    lastLoginAt: c.last_login_at,
  };
}
