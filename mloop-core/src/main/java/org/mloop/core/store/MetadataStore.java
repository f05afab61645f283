package org.mloop.core.store;

import org.mloop.core.data.DataAssetStore;
import org.mloop.core.endpoints.EndpointStore;
import org.mloop.core.jobs.JobStore;
import org.mloop.core.monitoring.MonitorStore;
import org.mloop.core.registry.RegistryStore;
import org.mloop.core.tracking.TrackingStore;

/**
 * Everything a workspace keeps apart from files, in one database: one store port per stage, so each
 * service is given the ports it needs. Implemented on JDBC (SQLite embedded default, PostgreSQL by
 * URL), every port over the same connection pool and schema.
 */
public interface MetadataStore extends AutoCloseable {

  TrackingStore tracking();

  DataAssetStore data();

  JobStore jobs();

  RegistryStore registry();

  EndpointStore endpoints();

  MonitorStore monitors();

  TokenStore tokens();

  /** A description for people, without credentials, e.g. "sqlite:/path/mloop.db". */
  String describe();

  @Override
  void close();
}
