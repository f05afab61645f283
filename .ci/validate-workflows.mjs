// Checks GitHub Actions workflow files with two validators from the npm registry and prints one line
// per finding, FILE[:LINE:COLUMN]: message:
//  - @action-validator/core: the workflow JSON schema (unknown or misspelt keys, types, cron, path globs);
//  - @actions/workflow-parser: GitHub's own parser (the one behind the Actions language service):
//    its schema, then the conversion to a workflow model (unknown or cyclic `needs`, expression syntax).
// Usage: node --import .ci/register-hooks.mjs .ci/validate-workflows.mjs FILE... (or .ci/validate-workflows)
// Exit 0: all valid; 1: a finding; 3: a validator could not run (fails closed).
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * The leaf errors of action-validator's nested report, as "path: detail". Where the schema allows one of
 * several shapes (a job is either steps or a reusable-workflow call), only the closest shapes are told:
 * those with the fewest errors.
 */
function leaves(error, out) {
  if (error.states) {
    const counts = error.states.map((state) => count(state.errors));
    const fewest = Math.min(...counts);
    error.states.forEach((state, i) => {
      if (counts[i] === fewest) state.errors.forEach((e) => leaves(e, out));
    });
  } else {
    out.add(`${error.path || "/"}: ${error.detail || error.title}`);
  }
  return out;
}

function count(errors) {
  return errors.reduce((n, e) => n + (e.states ? Math.min(...e.states.map((s) => count(s.errors))) : 1), 0);
}

async function main(files) {
  const actionValidator = require("@action-validator/core");
  const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import("@actions/workflow-parser");
  let invalid = 0;
  for (const name of files) {
    const content = fs.readFileSync(name, "utf8");
    const findings = [];

    for (const e of actionValidator.validateWorkflow(content).errors) {
      for (const line of leaves(e, new Set())) findings.push(`${name}: [action-validator] ${line}`);
    }

    const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
    if (parsed.value && parsed.context.errors.getErrors().length === 0) {
      await convertWorkflowTemplate(parsed.context, parsed.value); // adds its errors to the same context
    }
    const errors = parsed.context.errors.getErrors();
    for (const e of errors) {
      const at = e.range ? `:${e.range.start.line}:${e.range.start.column}` : "";
      findings.push(`${name}${at}: [workflow-parser] ${e.rawMessage ?? e.message}`);
    }
    if (!parsed.value && errors.length === 0) findings.push(`${name}: [workflow-parser] no workflow in this file`);

    findings.forEach((f) => console.error(f));
    if (findings.length > 0) invalid++;
  }
  return invalid;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate-workflows.mjs FILE...");
  process.exit(2);
}
main(files).then(
  (invalid) => process.exit(invalid > 0 ? 1 : 0),
  (e) => {
    console.error(`validate-workflows: a validator could not run: ${e.stack || e}`);
    process.exit(3);
  });
