/** Writes server/schema.graphql from the code: `npm run schema:emit`. */
import fs from 'node:fs';
import path from 'node:path';
import { printAppSchema } from './schema.js';

const file = path.resolve(import.meta.dirname, '../../schema.graphql');
fs.writeFileSync(file, await printAppSchema());
console.log(`wrote ${file}`);
