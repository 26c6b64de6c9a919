// Stage 2: both files -> a typed Fleet and its matrix, or every problem found.
import type { SourceFile } from '../load/load.js';
import { hasErrors, sortProblems } from '../problems.js';
import { schemaProblems, secretProblems } from './schema-check.js';
import { checkFleet, type Checked } from './semantic.js';
import { textProblems } from './text-checks.js';

export function validate(workers: SourceFile, builders: SourceFile): Checked {
  const schema = [...schemaProblems(workers, 'workers'), ...schemaProblems(builders, 'builders'), ...secretProblems(workers), ...secretProblems(builders), ...textProblems(workers), ...textProblems(builders)];
  const semantic = checkFleet(workers, builders, !hasErrors(schema));
  const problems = sortProblems([...schema, ...semantic.problems]);
  if (hasErrors(problems)) return { problems };
  return { ...semantic, problems };
}
