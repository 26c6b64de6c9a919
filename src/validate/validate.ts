// Stage 2: both files -> a typed Fleet, or every problem found (schema, then semantic).
import type { SourceFile } from '../load/load.js';
import { hasErrors, sortProblems } from '../model/problems.js';
import { schemaProblems, secretProblems } from './schema-check.js';
import { checkFleet, type Validated } from './semantic.js';
import { textProblems } from './text-checks.js';

export type { Validated };

export function validate(workers: SourceFile, builders: SourceFile): Validated {
  const schema = [...schemaProblems(workers, 'workers'), ...schemaProblems(builders, 'builders'), ...secretProblems(workers), ...secretProblems(builders), ...textProblems(workers), ...textProblems(builders)];
  const semantic = checkFleet(workers, builders, !hasErrors(schema));
  const problems = sortProblems([...schema, ...semantic.problems]);
  if (hasErrors(problems)) return { problems };
  return { ...semantic, problems };
}
