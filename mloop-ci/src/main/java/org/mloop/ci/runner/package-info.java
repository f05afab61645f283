/**
 * The local GitHub Actions runner.
 *
 * <pre>
 *   CiRuns runs = new CiRuns(ciHome);                       // runs/&lt;N&gt;/run.json, jobs/&lt;job&gt;/log.txt, summary.md
 *   RunnerSettings settings = RunnerSettings.load(file);    // secrets, vars, environments (approvals)
 *   ActionRegistry actions = ActionRegistry.of(Map.of("actions/checkout", checkout, ...));
 *   WorkflowRunner runner = new WorkflowRunner(runs, repoRoot, actions, (run, job, line) -&gt; print(job, line));
 *   WorkflowFiles files = WorkflowParser.readAll(repoRoot);  // valid workflows, invalid files, files not read
 *   files.invalidFor(event).forEach(bad -&gt; runs.createInvalid(bad, event));  // a failed run per bad file
 *   for (Workflow w : WorkflowSelection.triggered(files.workflows(), event)) {
 *     RunRecord run = runner.run(w, event, settings);       // throws WorkflowException (file:line) before any job
 *     // run.conclusion() SUCCESS / FAILURE; run.error(): the failed job, step and its last log lines
 *   }
 *   runs.list(); runs.read(n); runs.log(n, jobId); runs.summary(n, jobId);   // mloop ci list|show|logs
 *   runs.approve(n, "production", user, comment); runs.reject(...);          // mloop ci approve|reject
 *   RunText.describe(run)                                   // what `mloop ci show` prints
 * </pre>
 *
 * Jobs run one at a time in dependency order; each job gets {@code runs/<N>/jobs/<job>/workspace}
 * (GITHUB_WORKSPACE, empty until actions/checkout fills it) and {@code temp} (RUNNER_TEMP: the step
 * scripts, secrets expanded; private to the user and removed when the job ends, and by
 * {@link org.mloop.ci.runner.CiRuns#removeLeftoverTemp} after a runner was killed).
 * A job whose environment requires approval sets the run to {@code waiting} and polls
 * {@code runs/<N>/approvals/<environment>.json}, which {@link org.mloop.ci.runner.CiRuns#approve} writes.
 */
package org.mloop.ci.runner;
