package org.mloop.cli.models;

import org.mloop.core.MloopException;
import org.mloop.core.registry.ModelRef;

/** Commands that change one version take NAME:VERSION only, so an alias that moved meanwhile cannot redirect them. */
final class ModelRefs {
  private ModelRefs() {}

  static ModelRef exactVersion(String text) {
    ModelRef ref = ModelRef.parse(text);
    if (ref.version() == null) {
      throw MloopException.invalid("'" + text + "' does not name a version: use NAME:VERSION, e.g. " + ref.name()
          + ":2 (`mloop model list " + ref.name() + "` shows the versions)");
    }
    return ref;
  }
}
