package org.mloop.core.store;

import org.mloop.core.data.DataAssetStore;
import org.mloop.core.endpoints.EndpointStore;
import org.mloop.core.jobs.JobStore;
import org.mloop.core.monitoring.MonitorStore;
import org.mloop.core.registry.RegistryStore;
import org.mloop.core.tracking.TrackingStore;

/**
 * Everything a workspace keeps apart from files: tracking, data assets, jobs, tokens, the model
 * registry, online endpoints and their monitors, in one database. Implemented on JDBC (SQLite embedded default, PostgreSQL by URL).
 */
public interface MetadataStore extends TrackingStore, DataAssetStore, JobStore, TokenStore, RegistryStore,
    EndpointStore, MonitorStore,
    AutoCloseable {

  /** A description for people, without credentials, e.g. "sqlite:/path/mloop.db". */
  String describe();

  @Override
  void close();
}
