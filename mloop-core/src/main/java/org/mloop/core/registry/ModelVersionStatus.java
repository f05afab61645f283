package org.mloop.core.registry;

/** READY versions can be resolved and aliased; ARCHIVED ones stay readable but are no longer "latest". */
public enum ModelVersionStatus {
  READY,
  ARCHIVED
}
