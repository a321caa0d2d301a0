// The whole database schema in one place: every entity of every library and every
// migration. Processes and tools build their data source from this; no domain library
// depends on it, so it can depend on all of them.
import { Installation, SchemaDefinition } from '@tsunagu/database';
import { MIGRATIONS } from '../../../migrations';

export const ENTITIES = [Installation];

export const SCHEMA: SchemaDefinition = { entities: ENTITIES, migrations: MIGRATIONS };
