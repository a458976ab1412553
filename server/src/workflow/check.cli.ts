// `npm run workflows:check [dir]`: validates every workflow file without starting the server,
// so an administrator (or CI) sees every problem with its line and column before publishing.

import { loadWorkflowDir, formatProblems, type WorkflowFileResult } from './workflow.loader.js';
import type { StateNodeDefinition } from './workflow.types.js';

function countStates(states: Record<string, StateNodeDefinition>): number {
  return Object.values(states).reduce((sum, node) => sum + 1 + (node.states ? countStates(node.states) : 0), 0);
}

async function main(): Promise<number> {
  const dir = process.argv[2] ?? process.env.WORKFLOWS_DIR ?? 'workflows';
  let results: WorkflowFileResult[];
  try {
    results = await loadWorkflowDir(dir);
  } catch (error) {
    console.error(`cannot read workflow directory ${dir}: ${(error as Error).message}`);
    return 1;
  }
  if (results.length === 0) {
    console.error(`no *.yaml workflow files in ${dir}`);
    return 1;
  }
  let invalid = 0;
  for (const result of results) {
    if (result.ok) {
      const { tenant, machine } = result.definition;
      console.log(`ok  ${result.file} (${tenant.id}, ${countStates(machine.states)} states)`);
    } else {
      invalid++;
      console.log(formatProblems(result.problems));
    }
  }
  if (invalid > 0) console.log(`${invalid} of ${results.length} workflow file(s) invalid`);
  return invalid > 0 ? 1 : 0;
}

process.exitCode = await main();
