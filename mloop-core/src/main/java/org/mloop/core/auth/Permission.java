package org.mloop.core.auth;

/**
 * The permissions the workspace server checks, each with the least {@link Role} that has it. This
 * enum and {@link AccessPolicy} are the whole policy: every route of the server names the one
 * permission it needs (and, for aliases and endpoints, the resources it changes), and one check
 * applies the table below to the caller's token.
 *
 * <table>
 *   <caption>Permissions</caption>
 *   <tr><th>permission</th><th>least role</th><th>operations</th></tr>
 *   <tr><td>read</td><td>reader</td><td>every read (GET, MLflow searches) except endpoint keys: data assets,
 *       jobs and their logs and outputs, experiments, runs, artifacts, models, versions, aliases and their
 *       history, endpoints, deployments, monitors, alerts, labels, collected data, CI artifacts, /metrics</td></tr>
 *   <tr><td>data.write</td><td>contributor</td><td>uploads (files of a data asset, a job's code, a model
 *       folder) and data asset versions</td></tr>
 *   <tr><td>jobs.write</td><td>contributor</td><td>create and cancel jobs</td></tr>
 *   <tr><td>runs.write</td><td>contributor</td><td>MLflow experiments and runs: create, rename, restore,
 *       update, log metrics/params/tags/models, run artifacts (the mlflow-artifacts proxy); CI run artifacts</td></tr>
 *   <tr><td>models.write</td><td>contributor</td><td>register models and versions, descriptions and tags,
 *       archive a version</td></tr>
 *   <tr><td>aliases.write</td><td>contributor</td><td>set or delete an alias that is not protected
 *       (MLflow's alias API and transition-stage included)</td></tr>
 *   <tr><td>monitors.run</td><td>contributor</td><td>run a monitor, post ground truth labels</td></tr>
 *   <tr><td>models.evaluate</td><td>contributor</td><td>run the champion gate: score model versions on a
 *       data asset in the server's process</td></tr>
 *   <tr><td>aliases.protected.write</td><td>deployer</td><td>set or delete a protected alias
 *       ({@link AccessPolicy#DEFAULT_PROTECTED_ALIASES} unless the server says otherwise)</td></tr>
 *   <tr><td>endpoints.write</td><td>deployer</td><td>create endpoints; change traffic and mirror traffic;
 *       create, update and delete deployments; deployment logs and collected data written by scoring
 *       hosts; create monitors (they turn data collection on)</td></tr>
 *   <tr><td>endpoints.keys.read</td><td>deployer</td><td>get an endpoint's keys (get-keys)</td></tr>
 *   <tr><td>endpoints.keys.regenerate</td><td>admin</td><td>regenerate an endpoint key</td></tr>
 *   <tr><td>delete</td><td>admin</td><td>delete endpoints, model versions, experiments, runs, monitors</td></tr>
 * </table>
 *
 * <p>Tokens themselves are managed on the server's workspace directory ({@code mloop token}), which
 * only the machine's administrators reach; there is no HTTP operation for them.
 */
public enum Permission {
  READ("read", Role.READER),
  DATA_WRITE("data.write", Role.CONTRIBUTOR),
  JOBS_WRITE("jobs.write", Role.CONTRIBUTOR),
  RUNS_WRITE("runs.write", Role.CONTRIBUTOR),
  MODELS_WRITE("models.write", Role.CONTRIBUTOR),
  ALIASES_WRITE("aliases.write", Role.CONTRIBUTOR),
  MONITORS_RUN("monitors.run", Role.CONTRIBUTOR),
  MODELS_EVALUATE("models.evaluate", Role.CONTRIBUTOR),
  PROTECTED_ALIASES_WRITE("aliases.protected.write", Role.DEPLOYER),
  ENDPOINTS_WRITE("endpoints.write", Role.DEPLOYER),
  ENDPOINT_KEYS_READ("endpoints.keys.read", Role.DEPLOYER),
  ENDPOINT_KEYS_REGENERATE("endpoints.keys.regenerate", Role.ADMIN),
  DELETE("delete", Role.ADMIN);

  private final String wireName;
  private final Role leastRole;

  Permission(String wireName, Role leastRole) {
    this.wireName = wireName;
    this.leastRole = leastRole;
  }

  /** The name errors and documents use, such as "endpoints.write". */
  public String wireName() {
    return wireName;
  }

  /** The least role that has this permission; the roles after it have it too. */
  public Role leastRole() {
    return leastRole;
  }
}
