package org.mloop.core.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServableFlavorsTest {
  @Test
  void theRefusalNamesTheFlavorsPresentAndTheOnesServed() {
    assertThat(ServableFlavors.refusal("model diabetes:3", List.of("python_function"), List.of("mloop_tribuo", "onnx")))
        .isEqualTo("model diabetes:3 has flavor [python_function], none of which mloop serves; it serves mloop_tribuo,"
            + " onnx (register a model saved in one of those to deploy it)");
    assertThat(ServableFlavors.refusal("model m:1", List.of("sklearn", "python_function"), List.of("onnx")))
        .startsWith("model m:1 has flavors [sklearn, python_function], none");
  }

  @Test
  void withoutAModelRuntimeOnTheClassPathNothingIsInstalledAndNothingRefused() {
    // core alone: the runtime's provider is not on this module's class path
    assertThat(ServableFlavors.installed()).isEmpty();
    MlModel pyfunc = MlModelFiles.parse(MlModelFilesTest.MLFLOW_PYFUNC, "MLmodel");
    ServableFlavors.check(pyfunc, "model m:1");
  }
}
