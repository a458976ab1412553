/**
 * Prints the SQL that brings a database at the committed migrations up to the entities, for
 * a developer to paste into a new migration file: `npm run migration:create -- <name>`.
 * Uses a throwaway embedded PostgreSQL unless DATABASE_URL is set.
 */
import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { openDatabase } from './orm.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

const name = process.argv[2] ?? 'Change';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglament-migrate-'));
fs.chmodSync(dataDir, 0o755);
const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir });
const orm = await openDatabase(process.env.DATABASE_URL ?? pg!.url);
try {
  const sql = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: true });
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const className = `Migration${stamp}${name.replace(/\W/g, '')}`;
  const statements = sql.split(';\n').map((s) => s.trim()).filter(Boolean);
  const body = statements.map((s) => `    this.addSql(${"`" + s + "`"});`).join('\n');
  const file = path.join(import.meta.dirname, 'migrations', `${className}.ts`);
  fs.writeFileSync(
    file,
    `import { Migration } from '@mikro-orm/migrations';\n\nexport class ${className} extends Migration {\n  override async up(): Promise<void> {\n${body}\n  }\n}\n`,
  );
  console.log(statements.length ? `wrote ${file}; add it to migrations/index.ts` : 'schema is up to date');
  if (!statements.length) fs.unlinkSync(file);
} finally {
  await orm.close();
  await pg?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
