package org.mloop.ci.runner;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.json.Json;

/**
 * The local runner's settings file (kept out of git: it holds secrets), GitHub's repository
 * settings in one place:
 * <pre>
 * secrets: {MLOOP_TOKEN: ...}
 * vars: {REGION: local}
 * auto_approve: false          # true approves every environment (benchmarks, tests)
 * environments:
 *   production:
 *     required_approval: true  # the run waits for `mloop ci approve N --environment production`
 *     auto_approve: false
 *     secrets: {MLOOP_WORKSPACE: ..., MLOOP_TOKEN: ...}
 *     vars: {}
 * </pre>
 * An environment's secrets and vars overlay the repository's for the jobs that use it.
 */
public record RunnerSettings(
    Map<String, String> secrets,
    Map<String, String> vars,
    @JsonProperty("auto_approve") boolean autoApprove,
    Map<String, EnvironmentSettings> environments) {

  public RunnerSettings {
    secrets = copy(secrets);
    vars = copy(vars);
    environments = environments == null ? Map.of() : Map.copyOf(environments);
  }

  /** One GitHub environment's protection rule and its secrets and vars. */
  public record EnvironmentSettings(
      @JsonProperty("required_approval") boolean requiredApproval,
      @JsonProperty("auto_approve") boolean autoApprove,
      Map<String, String> secrets,
      Map<String, String> vars) {
    public EnvironmentSettings {
      secrets = copy(secrets);
      vars = copy(vars);
    }
  }

  public static RunnerSettings empty() {
    return new RunnerSettings(Map.of(), Map.of(), false, Map.of());
  }

  /** Reads the settings file; a missing file means no secrets, no vars and no protection rules. */
  public static RunnerSettings load(Path file) {
    if (!Files.exists(file)) {
      return empty();
    }
    try {
      RunnerSettings settings = Json.yaml().readValue(Files.readString(file), RunnerSettings.class);
      return settings == null ? empty() : settings;
    } catch (JsonProcessingException e) {
      throw MloopException.invalid("CI settings " + file + (e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr())
          + ": " + e.getOriginalMessage() + " (expected keys: secrets, vars, auto_approve, environments.<name>."
          + "{required_approval, auto_approve, secrets, vars})");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CI settings " + file + ": " + e.getMessage(), e);
    }
  }

  /** The named environment's settings; an environment the file does not list has no rules and no secrets. */
  public EnvironmentSettings environment(String name) {
    EnvironmentSettings env = name == null ? null : environments.get(name);
    return env != null ? env : new EnvironmentSettings(false, false, Map.of(), Map.of());
  }

  /** Repository secrets overlaid with the environment's. */
  public Map<String, String> secretsFor(String environment) {
    Map<String, String> all = new LinkedHashMap<>(secrets);
    all.putAll(environment(environment).secrets());
    return all;
  }

  /** Repository vars overlaid with the environment's. */
  public Map<String, String> varsFor(String environment) {
    Map<String, String> all = new LinkedHashMap<>(vars);
    all.putAll(environment(environment).vars());
    return all;
  }

  /** True when a job using {@code environment} must wait for a person. */
  public boolean needsApproval(String environment) {
    EnvironmentSettings env = environment(environment);
    return env.requiredApproval() && !env.autoApprove() && !autoApprove;
  }

  private static Map<String, String> copy(Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    if (values != null) {
      values.forEach((k, v) -> out.put(k, v == null ? "" : v));
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
