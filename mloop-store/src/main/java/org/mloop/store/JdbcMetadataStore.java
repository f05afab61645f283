package org.mloop.store;

import org.mloop.core.data.DataAssetStore;
import org.mloop.core.endpoints.EndpointStore;
import org.mloop.core.jobs.JobStore;
import org.mloop.core.monitoring.MonitorStore;
import org.mloop.core.registry.RegistryStore;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.store.TokenStore;
import org.mloop.core.tracking.TrackingStore;

/**
 * The metadata store on JDBC: SQLite (embedded default) or PostgreSQL, one schema managed by
 * Flyway. Open it with {@link MetadataStores#open(String)}. Thread-safe; several processes may
 * share one SQLite file. Each port is its own class over the one {@link Database}.
 */
public final class JdbcMetadataStore implements MetadataStore {
  private final Database db;
  private final JdbcTrackingStore tracking;
  private final JdbcDataAssetStore data;
  private final JdbcJobStore jobs;
  private final JdbcTokenStore tokens;
  private final JdbcRegistryStore registry;
  private final JdbcEndpointStore endpoints;
  private final JdbcMonitorStore monitors;

  JdbcMetadataStore(Database db, SecretBox secrets) {
    this.db = db;
    this.tracking = new JdbcTrackingStore(db);
    this.data = new JdbcDataAssetStore(db);
    this.jobs = new JdbcJobStore(db);
    this.tokens = new JdbcTokenStore(db);
    this.registry = new JdbcRegistryStore(db);
    this.endpoints = new JdbcEndpointStore(db, secrets);
    this.monitors = new JdbcMonitorStore(db);
  }

  /** The database, for this package's tests of connection settings. */
  Database database() {
    return db;
  }

  @Override
  public TrackingStore tracking() {
    return tracking;
  }

  @Override
  public DataAssetStore data() {
    return data;
  }

  @Override
  public JobStore jobs() {
    return jobs;
  }

  @Override
  public RegistryStore registry() {
    return registry;
  }

  @Override
  public EndpointStore endpoints() {
    return endpoints;
  }

  @Override
  public MonitorStore monitors() {
    return monitors;
  }

  @Override
  public TokenStore tokens() {
    return tokens;
  }

  @Override
  public String describe() {
    return db.description();
  }

  @Override
  public void close() {
    db.close();
  }
}
