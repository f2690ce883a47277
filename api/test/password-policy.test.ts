import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer('password_policy', { BATON_PASSWORD_POLICY: 'on' });
});
afterAll(async () => {
  await s?.close();
});

describe('password policy (BATON_PASSWORD_POLICY=on)', () => {
  it('lists the rules and checks a password against them, including the user data rule', async () => {
    const rules = (await s.call('GET', '/identity/password-policy')).body.rules;
    expect(rules.map((r: any) => r.placeholder)).toEqual([
      'PASSWORD_POLICY_USER_DATA', 'PASSWORD_POLICY_LENGTH', 'PASSWORD_POLICY_LOWERCASE', 'PASSWORD_POLICY_UPPERCASE', 'PASSWORD_POLICY_DIGIT', 'PASSWORD_POLICY_SPECIAL',
    ]);
    const weak = (await s.call('POST', '/identity/password-policy', { password: 'short', profile: { id: 'jonny' } })).body;
    expect(weak.valid).toBe(false);
    expect(weak.rules.filter((r: any) => !r.valid).map((r: any) => r.placeholder)).toEqual([
      'PASSWORD_POLICY_LENGTH', 'PASSWORD_POLICY_UPPERCASE', 'PASSWORD_POLICY_DIGIT', 'PASSWORD_POLICY_SPECIAL',
    ]);
    const named = (await s.call('POST', '/identity/password-policy', { password: 'Jonny-2026-secret!', profile: { id: 'jonny' } })).body;
    expect(named.rules.find((r: any) => r.placeholder === 'PASSWORD_POLICY_USER_DATA').valid).toBe(false);
    expect((await s.call('POST', '/identity/password-policy', { password: 'Tr0ub4dour&3x', profile: { id: 'jonny' } })).body.valid).toBe(true);
  });

  it('refuses weak passwords when users are created or change their password', async () => {
    const weak = await s.call('POST', '/user/create', { profile: { id: 'weakling' }, credentials: { password: 'weakling1' } });
    expect(weak).toMatchObject({ status: 400, body: { type: 'InvalidRequestException' } });
    expect((await s.call('GET', '/user/weakling/profile')).status).toBe(404);
    expect((await s.call('POST', '/user/create', { profile: { id: 'strong' }, credentials: { password: 'Tr0ub4dour&3x' } })).status).toBe(204);
    const change = await s.call('PUT', '/user/strong/credentials', { password: 'password', authenticatedUserPassword: 'Tr0ub4dour&3x' }, { user: 'strong', password: 'Tr0ub4dour&3x' });
    expect(change.status).toBe(400);
  });
});

describe('password policy off (the default, as in Camunda)', () => {
  it('answers 404 when no policy is configured', async () => {
    const off = await startTestServer('password_policy_off');
    try {
      expect((await off.call('GET', '/identity/password-policy')).status).toBe(404);
      expect((await off.call('POST', '/identity/password-policy', { password: 'x' })).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
