import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_content.ts';
import * as m0003 from './migrations/0003_search.ts';
import * as m0004 from './migrations/0004_inspection.ts';
import * as m0005 from './migrations/0005_stats.ts';
import * as m0006 from './migrations/0006_search_match.ts';
import * as m0007 from './migrations/0007_notification_reads.ts';
import * as m0008 from './migrations/0008_inspection_scope.ts';
import * as m0009 from './migrations/0009_hardening.ts';
import * as m0010 from './migrations/0010_citizens.ts';
import * as m0011 from './migrations/0011_interaction.ts';
import * as m0012 from './migrations/0012_services.ts';
import * as m0013 from './migrations/0013_participation.ts';
import * as m0015 from './migrations/0015_datasets.ts';
import * as m0014 from './migrations/0014_supervision.ts';
import * as m0017 from './migrations/0017_hardening_access.ts';
import * as m0016 from './migrations/0016_editor.ts';
import * as m0018 from './migrations/0018_search_scale.ts';
import * as m0019 from './migrations/0019_search_title_tokens.ts';

// Listed explicitly (not read from the folder) so the set of migrations is fixed at build time.
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_content': m0002,
  '0003_search': m0003,
  '0004_inspection': m0004,
  '0005_stats': m0005,
  '0006_search_match': m0006,
  '0007_notification_reads': m0007,
  '0008_inspection_scope': m0008,
  '0009_hardening': m0009,
  '0010_citizens': m0010,
  '0011_interaction': m0011,
  '0012_services': m0012,
  '0013_participation': m0013,
  '0015_datasets': m0015,
  '0014_supervision': m0014,
  '0017_hardening_access': m0017,
  '0016_editor': m0016,
  '0018_search_scale': m0018,
  '0019_search_title_tokens': m0019,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
