package org.mloop.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentEvent;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.endpoints.EndpointRules;
import org.mloop.core.endpoints.EndpointStore;
import org.mloop.core.json.Json;

/**
 * Endpoints and deployments on JDBC. Every write first locks the endpoint's row (SELECT ... FOR
 * UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already holds the database write lock), so all
 * changes to one endpoint and its deployments queue, none is lost, and each bumps the endpoint's
 * generation exactly once. Appending a log line is not a change: it leaves the generation alone,
 * or scoring hosts that log would keep reloading.
 */
final class JdbcEndpointStore implements EndpointStore {
  private static final String ENDPOINT_COLUMNS = "name, description, auth_mode, primary_key, secondary_key, "
      + "traffic_json, mirror_json, generation, created_at, updated_at";
  private static final String DEPLOYMENT_COLUMNS = "endpoint_name, name, model_name, model_version, requested_model, "
      + "instance_count, sample_percent, created_at, updated_at";
  private static final String EVENT_COLUMNS = "id, endpoint_name, deployment_name, event_time, host, message";
  private static final TypeReference<Map<String, Integer>> SPLIT = new TypeReference<>() {};

  private final Database db;
  private final SecretBox secrets;

  /** Keys are stored sealed by {@code secrets} and opened when read. */
  JdbcEndpointStore(Database db, SecretBox secrets) {
    this.db = db;
    this.secrets = secrets;
  }

  // ================================================================ endpoints

  @Override
  public Endpoint createEndpoint(Endpoint endpoint) {
    if (endpoint.keys() == null || endpoint.authMode() == null) {
      throw MloopException.invalid("endpoint '" + endpoint.name() + "' needs an auth mode and its two keys");
    }
    // A new endpoint has no deployments, so any traffic entry names a missing one.
    EndpointRules.checkTraffic(endpoint.name(), endpoint.traffic(), endpoint.mirrorTraffic(), Set.of());
    return db.write(c -> {
      long now = System.currentTimeMillis();
      db.dialect().unique(() -> Jdbc.execute(c,
          "INSERT INTO endpoints (" + ENDPOINT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)", endpoint.name(),
          endpoint.description(), endpoint.authMode().name(),
          secrets.seal(endpoint.keys().primary(), keyContext(endpoint.name(), "primary")),
          secrets.seal(endpoint.keys().secondary(), keyContext(endpoint.name(), "secondary")),
          Json.write(endpoint.traffic()), Json.write(endpoint.mirrorTraffic()), now, now),
          () -> MloopException.alreadyExists("endpoint '" + endpoint.name() + "' already exists; choose another"
              + " name, or use the existing endpoint"));
      return readEndpoint(c, endpoint.name()).orElseThrow();
    });
  }

  @Override
  public Optional<Endpoint> getEndpoint(String name) {
    return db.read(c -> readEndpoint(c, name));
  }

  @Override
  public List<Endpoint> listEndpoints() {
    return db.read(c -> {
      return Jdbc.list(c, "SELECT " + ENDPOINT_COLUMNS + " FROM endpoints ORDER BY name", List.of(), this::endpoint);
    });
  }

  @Override
  public Endpoint updateEndpoint(String name, UnaryOperator<Endpoint> change) {
    return db.write(c -> {
      Endpoint current = lockEndpoint(c, name);
      Endpoint changed = change.apply(current);
      if (changed == null) {
        throw new IllegalStateException("an endpoint change returned no endpoint");
      }
      if (changed.keys() == null || changed.authMode() == null) {
        throw MloopException.invalid("endpoint '" + name + "' needs an auth mode and its two keys");
      }
      EndpointRules.checkTraffic(name, changed.traffic(), changed.mirrorTraffic(), deploymentNames(c, name));
      Jdbc.execute(c, "UPDATE endpoints SET description = ?, auth_mode = ?, primary_key = ?, secondary_key = ?, "
              + "traffic_json = ?, mirror_json = ?, generation = generation + 1, updated_at = ? WHERE name = ?",
          changed.description(), changed.authMode().name(),
          secrets.seal(changed.keys().primary(), keyContext(name, "primary")),
          secrets.seal(changed.keys().secondary(), keyContext(name, "secondary")),
          Json.write(changed.traffic()), Json.write(changed.mirrorTraffic()), System.currentTimeMillis(), name);
      return readEndpoint(c, name).orElseThrow();
    });
  }

  @Override
  public void deleteEndpoint(String name) {
    db.write(c -> {
      lockEndpoint(c, name);
      for (Deployment d : readDeployments(c, name)) {
        removeUsage(c, d);
      }
      Jdbc.execute(c, "DELETE FROM deployment_events WHERE endpoint_name = ?", name);
      Jdbc.execute(c, "DELETE FROM deployments WHERE endpoint_name = ?", name);
      Jdbc.execute(c, "DELETE FROM endpoints WHERE name = ?", name);
      return null;
    });
  }

  // ================================================================ deployments

  @Override
  public Deployment createDeployment(Deployment deployment) {
    String endpoint = deployment.endpointName();
    return db.write(c -> {
      lockEndpoint(c, endpoint);
      if (readDeployment(c, endpoint, deployment.name()).isPresent()) {
        throw deploymentExists(deployment);
      }
      // Locked like a usage added through the registry, so a concurrent delete of the version waits or sees it.
      RegistryRows.lockVersionRow(c, db.dialect(), deployment.modelName(), deployment.modelVersion());
      long now = System.currentTimeMillis();
      db.dialect().unique(() -> Jdbc.execute(c,
          "INSERT INTO deployments (" + DEPLOYMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", endpoint,
          deployment.name(), deployment.modelName(), deployment.modelVersion(),
          deployment.requestedModel() == null ? deployment.model().toString() : deployment.requestedModel(),
          deployment.instanceCount(), deployment.dataCollection().samplePercent(), now, now),
          () -> deploymentExists(deployment));
      Jdbc.execute(c, "INSERT INTO model_version_usages (model_name, version, used_by, created_at) VALUES (?, ?, ?, ?) "
              + "ON CONFLICT (model_name, version, used_by) DO NOTHING",
          deployment.modelName(), deployment.modelVersion(), deployment.usageName(), now);
      bump(c, endpoint, now);
      return readDeployment(c, endpoint, deployment.name()).orElseThrow();
    });
  }

  @Override
  public Optional<Deployment> getDeployment(String endpoint, String name) {
    return db.read(c -> readDeployment(c, endpoint, name));
  }

  @Override
  public List<Deployment> listDeployments(String endpoint) {
    return db.read(c -> readDeployments(c, endpoint));
  }

  @Override
  public Deployment updateDeployment(String endpoint, String name, UnaryOperator<Deployment> change) {
    return db.write(c -> {
      lockEndpoint(c, endpoint);
      Deployment current = readDeployment(c, endpoint, name).orElseThrow(() -> deploymentNotFound(endpoint, name));
      Deployment changed = change.apply(current);
      if (changed == null) {
        throw new IllegalStateException("a deployment change returned no deployment");
      }
      if (changed.instanceCount() < 1) {
        throw MloopException.invalid("deployment '" + name + "' needs at least one instance");
      }
      // Only the settings change; the model is fixed when the deployment is created.
      long now = System.currentTimeMillis();
      Jdbc.execute(c, "UPDATE deployments SET instance_count = ?, sample_percent = ?, updated_at = ? "
              + "WHERE endpoint_name = ? AND name = ?",
          changed.instanceCount(), changed.dataCollection().samplePercent(), now, endpoint, name);
      bump(c, endpoint, now);
      return readDeployment(c, endpoint, name).orElseThrow();
    });
  }

  @Override
  public void deleteDeployment(String endpoint, String name) {
    db.write(c -> {
      Endpoint e = lockEndpoint(c, endpoint);
      Deployment d = readDeployment(c, endpoint, name).orElseThrow(() -> deploymentNotFound(endpoint, name));
      if (e.trafficOf(name) > 0 || e.mirrorOf(name) > 0) {
        throw new MloopException(ErrorCode.INVALID_STATE, "cannot delete deployment '" + name + "' of endpoint '"
            + endpoint + "': it gets " + e.trafficOf(name) + "% of the live traffic and " + e.mirrorOf(name)
            + "% mirror traffic; move its traffic to another deployment first (the endpoint's traffic and"
            + " mirror_traffic)");
      }
      // Zero entries for it go too, or the traffic map would name a deployment that is gone.
      Map<String, Integer> traffic = new LinkedHashMap<>(e.traffic());
      Map<String, Integer> mirror = new LinkedHashMap<>(e.mirrorTraffic());
      traffic.remove(name);
      mirror.remove(name);
      removeUsage(c, d);
      Jdbc.execute(c, "DELETE FROM deployment_events WHERE endpoint_name = ? AND deployment_name = ?", endpoint, name);
      Jdbc.execute(c, "DELETE FROM deployments WHERE endpoint_name = ? AND name = ?", endpoint, name);
      long now = System.currentTimeMillis();
      Jdbc.execute(c, "UPDATE endpoints SET traffic_json = ?, mirror_json = ?, generation = generation + 1, "
          + "updated_at = ? WHERE name = ?", Json.write(traffic), Json.write(mirror), now, endpoint);
      return null;
    });
  }

  // ================================================================ logs

  @Override
  public DeploymentEvent appendDeploymentEvent(String endpoint, String deployment, String host, String message) {
    String h = host == null ? "" : host;
    String m = message == null ? "" : message;
    return db.write(c -> {
      if (readDeployment(c, endpoint, deployment).isEmpty()) {
        throw deploymentNotFound(endpoint, deployment);
      }
      long now = System.currentTimeMillis();
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO deployment_events (endpoint_name, "
          + "deployment_name, event_time, host, message) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
        insert.setString(1, endpoint);
        insert.setString(2, deployment);
        insert.setLong(3, now);
        insert.setString(4, h);
        insert.setString(5, m);
        try (ResultSet rows = insert.executeQuery()) {
          rows.next();
          return new DeploymentEvent(rows.getLong(1), endpoint, deployment, now, h, m);
        }
      }
    });
  }

  @Override
  public List<DeploymentEvent> listDeploymentEvents(String endpoint, String deployment, long afterId, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return db.read(c -> {
      List<DeploymentEvent> out = new ArrayList<>();
      // The newest `limit` lines, read backwards and turned around.
      try (PreparedStatement select = c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM deployment_events "
          + "WHERE endpoint_name = ? AND deployment_name = ? AND id > ? ORDER BY id DESC LIMIT ?")) {
        Jdbc.bind(select, 1, List.of(endpoint, deployment, afterId, limit));
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            out.add(new DeploymentEvent(rows.getLong("id"), rows.getString("endpoint_name"),
                rows.getString("deployment_name"), rows.getLong("event_time"), rows.getString("host"),
                rows.getString("message")));
          }
        }
      }
      Collections.reverse(out);
      return out;
    });
  }

  // ================================================================ reading and locking

  /** Locks the endpoint's row for the rest of the transaction (PostgreSQL) and reads it. */
  private Endpoint lockEndpoint(Connection c, String name) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(
        "SELECT " + ENDPOINT_COLUMNS + " FROM endpoints WHERE name = ?" + db.dialect().forUpdate())) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw endpointNotFound(name);
        }
        return endpoint(rows);
      }
    }
  }

  private static void bump(Connection c, String endpoint, long now) throws SQLException {
    Jdbc.execute(c, "UPDATE endpoints SET generation = generation + 1, updated_at = ? WHERE name = ?", now, endpoint);
  }

  private static void removeUsage(Connection c, Deployment d) throws SQLException {
    Jdbc.execute(c, "DELETE FROM model_version_usages WHERE model_name = ? AND version = ? AND used_by = ?",
        d.modelName(), d.modelVersion(), d.usageName());
  }

  private Optional<Endpoint> readEndpoint(Connection c, String name) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT " + ENDPOINT_COLUMNS + " FROM endpoints WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(endpoint(rows)) : Optional.empty();
      }
    }
  }

  private static Set<String> deploymentNames(Connection c, String endpoint) throws SQLException {
    Set<String> names = new TreeSet<>();
    for (Deployment d : readDeployments(c, endpoint)) {
      names.add(d.name());
    }
    return names;
  }

  private static Optional<Deployment> readDeployment(Connection c, String endpoint, String name) throws SQLException {
    return deployments(c, "endpoint_name = ? AND name = ?", endpoint, name).stream().findFirst();
  }

  private static List<Deployment> readDeployments(Connection c, String endpoint) throws SQLException {
    return deployments(c, "endpoint_name = ? ORDER BY name", endpoint);
  }

  private static List<Deployment> deployments(Connection c, String where, Object... binds) throws SQLException {
    List<Deployment> out = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement("SELECT " + DEPLOYMENT_COLUMNS + " FROM deployments WHERE "
        + where)) {
      Jdbc.bind(select, 1, Arrays.asList(binds));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          out.add(new Deployment(
              rows.getString("endpoint_name"),
              rows.getString("name"),
              rows.getString("model_name"),
              rows.getInt("model_version"),
              rows.getString("requested_model"),
              rows.getInt("instance_count"),
              new DataCollection(rows.getDouble("sample_percent")),
              rows.getLong("created_at"),
              rows.getLong("updated_at")));
        }
      }
    }
    return out;
  }

  private Endpoint endpoint(ResultSet rows) throws SQLException {
    String name = rows.getString("name");
    return new Endpoint(
        name,
        rows.getString("description"),
        AuthMode.valueOf(rows.getString("auth_mode")),
        new EndpointKeys(secrets.open(rows.getString("primary_key"), keyContext(name, "primary")),
            secrets.open(rows.getString("secondary_key"), keyContext(name, "secondary"))),
        split(rows.getString("traffic_json")),
        split(rows.getString("mirror_json")),
        rows.getLong("generation"),
        rows.getLong("created_at"),
        rows.getLong("updated_at"));
  }

  /** What a sealed key is bound to: its endpoint and slot, so a value copied elsewhere does not open. */
  static String keyContext(String endpoint, String slot) {
    return "endpoint " + endpoint + " " + slot + " key";
  }

  private static Map<String, Integer> split(String json) {
    try {
      return Json.mapper().readValue(json, SPLIT);
    } catch (JsonProcessingException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "unreadable traffic of an endpoint: " + json, e);
    }
  }

  // ================================================================ helpers

  private static MloopException endpointNotFound(String name) {
    return MloopException.notFound("endpoint '" + name + "' not found among the workspace's endpoints");
  }

  private static MloopException deploymentNotFound(String endpoint, String name) {
    return MloopException.notFound("endpoint '" + endpoint + "' has no deployment '" + name + "'");
  }

  private static MloopException deploymentExists(Deployment d) {
    return MloopException.alreadyExists("endpoint '" + d.endpointName() + "' already has a deployment '" + d.name()
        + "'; pick another name (e.g. green next to blue) or delete it first");
  }
}
