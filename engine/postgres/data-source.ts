/**
 * The TypeORM DataSource: entities, migrations, and the pg pool that the raw-SQL hot paths use.
 */
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { entities } from './entities';
import { InitialSchema1732400000000 } from './migrations/0001-initial-schema';
import { TasklistTables1732400000400 } from './migrations/0004-tasklist-tables';
import { Identity1732400000001 } from './migrations/0002-identity';
import { Jobs1732400000300 } from './migrations/0003-jobs';
import { ModelerKpiIndexes1732400000500 } from './migrations/0005-modeler-kpi-indexes';
import { RuntimeColumns1732400000600 } from './migrations/0006-runtime-columns';
import { EventSubscriptions1732400000700 } from './migrations/0007-event-subscriptions';
import { CalledInstances1732400000800 } from './migrations/0008-called-instances';
import { UserOperationLog1732400000900 } from './migrations/0009-user-operation-log';
import { VariableFiles1732400001000 } from './migrations/0010-variable-files';
import { TaskAttachments1732400001100 } from './migrations/0011-task-attachments';
import { WritePathIndexes1732400001200 } from './migrations/0012-write-path-indexes';
import { StartableCheck1732400001300 } from './migrations/0013-startable-check';
import { RevisionCheck1732400001400 } from './migrations/0014-revision-check';
import { CandidateIndexFastupdate1732400001500 } from './migrations/0015-candidate-index-fastupdate';
import { TaskOwnerIndex1732400001600 } from './migrations/0016-task-owner-index';
import { NoCandidatesAsNull1732400001700 } from './migrations/0017-no-candidates-as-null';
import { StartUserId1732400001800 } from './migrations/0018-start-user-id';
import { DefinitionStarters1732400001900 } from './migrations/0019-definition-starters';

/** Connection settings. */
export interface DatabaseOptions {
  readonly url: string;
  /**
   * Pool size; commands hold one connection from BEGIN to COMMIT (default 10, as node-postgres
   * and HikariCP). Why not more: on a 2-core machine 20 connections cost PostgreSQL 15–30 %
   * more CPU per instance than 8–12 and gave less throughput (`npm run bench -- --only=tuning`).
   */
  readonly poolSize?: number;
  /** Postgres schema to use (tests use one schema per file); default public. */
  readonly schema?: string;
}

/** Creates, initializes and migrates a DataSource. */
export async function openDataSource(options: DatabaseOptions): Promise<DataSource> {
  const ds = new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations: [
      InitialSchema1732400000000,
      Identity1732400000001,
      Jobs1732400000300,
      TasklistTables1732400000400,
      ModelerKpiIndexes1732400000500,
      RuntimeColumns1732400000600,
      EventSubscriptions1732400000700,
      CalledInstances1732400000800,
      UserOperationLog1732400000900,
      VariableFiles1732400001000,
      TaskAttachments1732400001100,
      WritePathIndexes1732400001200,
      StartableCheck1732400001300,
      RevisionCheck1732400001400,
      CandidateIndexFastupdate1732400001500,
      TaskOwnerIndex1732400001600,
      NoCandidatesAsNull1732400001700,
      StartUserId1732400001800,
      DefinitionStarters1732400001900,
    ],
    migrationsTableName: 'baton_migrations',
    poolSize: options.poolSize ?? 10,
    ...(options.schema ? { schema: options.schema, extra: { options: `-c search_path=${options.schema}` } } : {}),
    logging: false,
  });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'all' });
  return ds;
}

/** The pg pool behind a DataSource (TypeORM's postgres driver keeps it as `master`). */
export function poolOf(ds: DataSource): Pool {
  return (ds.driver as unknown as { master: Pool }).master;
}
