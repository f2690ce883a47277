/**
 * Camunda 7's default password policy (enabled with BATON_PASSWORD_POLICY=on, off by default as
 * in Camunda): at least 10 characters with a lowercase and an uppercase letter, a digit and a
 * special character, and none of the user's id, names or email in it.
 */

/** A rule as Camunda's PasswordPolicyRuleDto names it. */
export interface PasswordPolicyRule {
  readonly placeholder: string;
  readonly parameter: Readonly<Record<string, string>> | null;
}

/** The profile fields the user-data rule looks at. */
export interface PasswordProfile {
  readonly id?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly email?: string | null;
}

interface Rule extends PasswordPolicyRule {
  readonly holds: (password: string, profile: PasswordProfile) => boolean;
}

const count = (pattern: RegExp) => (password: string) => (password.match(pattern) ?? []).length;

const RULES: readonly Rule[] = [
  {
    placeholder: 'PASSWORD_POLICY_USER_DATA', parameter: null,
    holds: (password, p) => [p.id, p.firstName, p.lastName, p.email].every((v) => !v || !password.toLowerCase().includes(v.toLowerCase())),
  },
  { placeholder: 'PASSWORD_POLICY_LENGTH', parameter: { minLength: '10' }, holds: (password) => [...password].length >= 10 },
  { placeholder: 'PASSWORD_POLICY_LOWERCASE', parameter: { minLowerCase: '1' }, holds: (password) => count(/\p{Ll}/gu)(password) >= 1 },
  { placeholder: 'PASSWORD_POLICY_UPPERCASE', parameter: { minUpperCase: '1' }, holds: (password) => count(/\p{Lu}/gu)(password) >= 1 },
  { placeholder: 'PASSWORD_POLICY_DIGIT', parameter: { minDigit: '1' }, holds: (password) => count(/\p{Nd}/gu)(password) >= 1 },
  { placeholder: 'PASSWORD_POLICY_SPECIAL', parameter: { minSpecial: '1' }, holds: (password) => count(/[^\p{L}\p{Nd}]/gu)(password) >= 1 },
];

/** The policy's rules (GET /identity/password-policy). */
export function passwordPolicyRules(): PasswordPolicyRule[] {
  return RULES.map(({ placeholder, parameter }) => ({ placeholder, parameter }));
}

/** Checks a password (POST /identity/password-policy): each rule with `valid`, and the overall verdict. */
export function checkPassword(password: string, profile: PasswordProfile): { valid: boolean; rules: Array<PasswordPolicyRule & { valid: boolean }> } {
  const rules = RULES.map(({ placeholder, parameter, holds }) => ({ placeholder, parameter, valid: holds(password, profile) }));
  return { valid: rules.every((r) => r.valid), rules };
}
