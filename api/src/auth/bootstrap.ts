/**
 * First-start setup: an administrator (from BATON_ADMIN_USER/BATON_ADMIN_PASSWORD, or with a
 * generated password printed once), and with BATON_DEMO=true demo users, groups, start
 * permissions and the processes of processes/ (deployed only if changed).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';
import type { Engine } from '@baton/engine';
import type { IdentityStore } from './identity-store';
import { ADMIN_GROUP, Resource } from './permissions';

/** The repository's example processes, deployed in demo mode. */
export const PROCESSES_DIR = join(REPO_ROOT, 'processes');

const DEMO_USERS = [
  { id: 'demo', firstName: 'Demo', lastName: 'Demo', groups: ['management', ADMIN_GROUP] },
  { id: 'john', firstName: 'John', lastName: 'Doe', groups: ['sales'] },
  { id: 'mary', firstName: 'Mary', lastName: 'Anne', groups: ['accounting'] },
  { id: 'peter', firstName: 'Peter', lastName: 'Meter', groups: ['management'] },
];
const DEMO_GROUPS = [
  { id: ADMIN_GROUP, name: 'Camunda BPM Administrators', type: 'SYSTEM' },
  { id: 'management', name: 'Management', type: 'WORKFLOW' },
  { id: 'sales', name: 'Sales', type: 'WORKFLOW' },
  { id: 'accounting', name: 'Accounting', type: 'WORKFLOW' },
];

async function ensureGroup(store: IdentityStore, g: { id: string; name: string; type: string }): Promise<void> {
  if (!(await store.getGroup(g.id))) await store.createGroup(g);
}

/** Creates the administrator when no administrator exists yet. */
export async function ensureAdmin(store: IdentityStore, user: string, password: string | null, log: (m: string) => void): Promise<void> {
  await ensureGroup(store, DEMO_GROUPS[0]!);
  const admins = await store.listUsers({ memberOfGroup: ADMIN_GROUP }, { offset: 0, limit: 1 });
  if (admins.length > 0) return;
  const secret = password ?? randomBytes(12).toString('base64url');
  if (!(await store.getUser(user))) await store.createUser({ id: user, firstName: 'Admin', lastName: null, email: null }, secret);
  else await store.setPassword(user, secret);
  await store.addMember(ADMIN_GROUP, user);
  if (!password) log(`[baton] created administrator '${user}' with password '${secret}' (shown once; set BATON_ADMIN_PASSWORD to choose it)`);
}

/** Seeds the demo identities and permissions, and deploys processes/ (idempotent). */
export async function seedDemo(store: IdentityStore, engine: Engine, log: (m: string) => void): Promise<void> {
  for (const g of DEMO_GROUPS) await ensureGroup(store, g);
  for (const u of DEMO_USERS) {
    if (!(await store.getUser(u.id))) await store.createUser({ id: u.id, firstName: u.firstName, lastName: u.lastName, email: `${u.id}@example.com` }, u.id);
    for (const g of u.groups) await store.addMember(g, u.id);
  }
  for (const group of ['management', 'sales', 'accounting']) {
    await store.saveAuthorization({
      id: `demo-start-${group}`, type: 1, userId: null, groupId: group, resourceType: Resource.PROCESS_DEFINITION, resourceId: '*',
      permissions: ['READ', 'CREATE_INSTANCE', 'READ_HISTORY'],
    });
  }
  await deployProcesses(engine, log);
}

async function deployProcesses(engine: Engine, log: (m: string) => void): Promise<void> {
  if (!existsSync(PROCESSES_DIR)) return;
  const files = readdirSync(PROCESSES_DIR).filter((f) => /\.(bpmn|form)$/.test(f)).sort();
  if (files.length === 0) return;
  const result = await engine.deploy({
    name: 'baton-demo', source: 'processes/', deployChangedOnly: true,
    resources: files.map((f) => ({ name: f, content: readFileSync(join(PROCESSES_DIR, f), 'utf8') })),
  });
  if (result.created) log(`[baton] demo: deployed ${result.definitions.map((d) => `${d.key} v${d.version}`).join(', ') || 'resources'} from processes/`);
}
