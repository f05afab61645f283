package org.mloop.runtime;

import java.nio.file.Path;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;

/**
 * Turns a model folder into a {@link Predictor}. The folder is verified first (MLmodel present,
 * signature well-formed, every file's sha256 as listed), then loaded through the first of its flavors
 * that {@link ModelFlavors#installed()} has ({@value TribuoFlavor#NAME} built in; {@code onnx} when
 * mloop-runtime-onnx is on the class path). Every problem is a MloopException INVALID_PARAMETER_VALUE.
 */
public final class ModelLoader {
  private ModelLoader() {}

  public static Predictor load(Path dir) {
    MlModel mlModel = MlModelFiles.read(dir);
    return ModelFlavors.installed().load(dir, mlModel);
  }
}
