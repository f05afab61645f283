// Specification of the workflow files and of their offline validation (node --test .ci/).
// The committed workflows pass both validators; a typo in any of them fails .ci/validate-workflows with
// the file named; the workflows use only the actions the local runner (mloop ci run) supports, and
// keep the shape docs/ci.md describes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const ci = path.dirname(fileURLToPath(import.meta.url));
const workflows = path.join(ci, "..", ".github", "workflows");
const YAML = createRequire(import.meta.url)("yaml");

function validate(...files) {
  const r = spawnSync(path.join(ci, "validate-workflows"), files, { encoding: "utf8" });
  return { code: r.status, out: r.stdout + r.stderr };
}

function load(name) {
  return YAML.parse(fs.readFileSync(path.join(workflows, name), "utf8"));
}

/** Writes train-deploy.yml with one edit into a temp folder; returns the copy's path. */
function mutated(search, replacement) {
  const text = fs.readFileSync(path.join(workflows, "train-deploy.yml"), "utf8");
  assert.ok(text.includes(search), `train-deploy.yml no longer contains ${JSON.stringify(search)}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-"));
  const file = path.join(dir, "train-deploy.yml");
  fs.writeFileSync(file, text.replace(search, replacement));
  return file;
}

test("every committed workflow passes both validators", () => {
  const r = validate();
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /4 workflow file\(s\) valid/);
});

const typos = [
  ["a misspelt job key", "runs-on: ubuntu-latest", "runs_on: ubuntu-latest"],
  ["a misspelt environment key", "environment: staging", "enviroment: staging"],
  ["a misspelt trigger", "workflow_dispatch:", "workflow-dispatch:"],
  ["a needs naming no job", "needs: experiment", "needs: experimnet"],
  ["a broken expression", "${{ !cancelled() && steps.gate.outcome != 'skipped' }}", "${{ !cancelled( && }}"],
  ["a number that is not one", "timeout-minutes: 30", "timeout-minutes: thirty"],
  ["bad YAML", "jobs:\n", "jobs:\n  - [\n"],
];
for (const [what, search, replacement] of typos) {
  test(`${what} fails the validation, naming the file`, () => {
    const file = mutated(search, replacement);
    const r = validate(file);
    assert.notEqual(r.code, 0, `${what} passed:\n${r.out}`);
    assert.ok(r.out.includes(file), r.out);
  });
}

test("workflows use only the actions mloop ci run supports", () => {
  const supported = ["actions/checkout@", "actions/setup-java@", "actions/cache@", "actions/upload-artifact@",
    "actions/download-artifact@"];
  for (const name of fs.readdirSync(workflows)) {
    for (const [id, job] of Object.entries(load(name).jobs)) {
      for (const step of job.steps) {
        if (step.uses) {
          assert.ok(supported.some((s) => step.uses.startsWith(s)), `${name} job ${id} uses ${step.uses}`);
        } else {
          assert.equal(typeof step.run, "string", `${name} job ${id}: a step with neither uses nor run`);
        }
      }
    }
  }
});

test("code checks are two jobs named Linting and Unit tests on pull requests to main", () => {
  const w = load("code-checks.yml");
  assert.deepEqual(w.on.pull_request.branches, ["main"]);
  assert.deepEqual(Object.values(w.jobs).map((j) => j.name).sort(), ["Linting", "Unit tests"]);
});

test("train-deploy runs experiment, production, promote in order, each in its environment", () => {
  const w = load("train-deploy.yml");
  assert.deepEqual(w.on.push.paths, ["model/**"]);
  assert.deepEqual(w.on.push.branches, ["main"]);
  assert.ok("workflow_dispatch" in w.on);
  assert.equal(w.jobs.experiment.environment, "development");
  assert.equal(w.jobs.production.environment, "staging");
  assert.equal(w.jobs.production.needs, "experiment");
  assert.equal(w.jobs.promote.environment, "production");
  assert.equal(w.jobs.promote.needs, "production");
  for (const job of Object.values(w.jobs)) {
    assert.equal(job.env.MLOOP_WORKSPACE, "${{ secrets.MLOOP_WORKSPACE }}");
    assert.equal(job.env.MLOOP_TOKEN, "${{ secrets.MLOOP_TOKEN }}");
  }
});

test("the deployment names the scripts make are valid: a letter first, 3-32 letters, digits or '-'", () => {
  const r = spawnSync("bash", ["-c", `source "${path.join(ci, "..", ".github", "scripts", "lib.sh")}"; deployment_name 12`],
    { encoding: "utf8", env: { ...process.env, GITHUB_RUN_NUMBER: "123456", GITHUB_RUN_ATTEMPT: "2" } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.trim(), /^[A-Za-z][A-Za-z0-9-]{2,31}$/);
  assert.equal(r.stdout.trim(), "m12-r123456-2");
});

test("monitor runs diabetes-prod-monitor on a schedule and by hand, without approval, and retrains on an alert", () => {
  const w = load("monitor.yml");
  assert.ok(Array.isArray(w.on.schedule) && w.on.schedule.length > 0, "no schedule");
  assert.match(w.on.schedule[0].cron, /^\S+ \S+ \S+ \S+ \S+$/);
  assert.ok("workflow_dispatch" in w.on);
  assert.deepEqual(Object.keys(w.on).sort(), ["schedule", "workflow_dispatch"]);
  assert.equal(w.permissions.actions, "write", "dispatching train-deploy.yml needs actions: write");
  assert.equal(w.env.MONITOR_NAME, "diabetes-prod-monitor");
  assert.equal(w.env.RETRAIN_WORKFLOW, "train-deploy.yml");
  const job = w.jobs.monitor;
  assert.notEqual(job.environment, "production", "monitoring must not wait for production's approval");
  assert.equal(job.env.MLOOP_WORKSPACE, "${{ secrets.MLOOP_WORKSPACE }}");
  assert.equal(job.env.MLOOP_TOKEN, "${{ secrets.MLOOP_TOKEN }}");
  const monitor = job.steps.find((s) => s.id === "monitor");
  assert.match(monitor.run, /^\.github\/scripts\/monitor /);
  const retrain = job.steps.find((s) => typeof s.run === "string" && s.run.includes(".github/scripts/retrain"));
  assert.ok(retrain, "no retraining step");
  assert.match(retrain.if, /steps\.monitor\.outputs\.retrain == 'true'/);
  assert.equal(retrain.env.GH_TOKEN, "${{ secrets.GITHUB_TOKEN }}");
  assert.ok(fs.existsSync(path.join(workflows, w.env.RETRAIN_WORKFLOW)), "the workflow it starts exists");
});
