package org.mloop.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.MloopException;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.models.ServableFlavors;
import org.mloop.runtime.testing.ModelFolders;

/** The flavor registry: a model loads through the first of its MLmodel's flavors that the registry has. */
class ModelFlavorsTest {
  @TempDir Path dir;

  /** A flavor of this test only: every row scores p = weight for class "1". */
  static final class ConstantFlavor implements ModelFlavor {
    @Override
    public String name() {
      return "constant";
    }

    @Override
    public Predictor load(Path folder, MlModel model, Map<String, Object> settings) {
      String file = ModelFlavor.modelFile(folder, model, name(), settings, "data", "weight.txt");
      double p;
      try {
        p = Double.parseDouble(Files.readString(folder.resolve(file)).trim());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return new Predictor() {
        @Override
        public MlModel model() {
          return model;
        }

        @Override
        public List<String> classes() {
          return List.of("0", "1");
        }

        @Override
        public String positiveClass() {
          return "1";
        }

        @Override
        public Predictions predictRows(double[][] rows) {
          double[][] out = new double[rows.length][];
          java.util.Arrays.setAll(out, i -> new double[] {1 - p, p});
          return new Predictions(classes(), java.util.Collections.nCopies(rows.length, p > 0.5 ? "1" : "0"), out);
        }
      };
    }
  }

  /** A Tribuo model folder whose MLmodel also lists the constant flavor, in the given order. */
  private Path folder(boolean constantFirst) throws Exception {
    Path folder = dir.resolve(constantFirst ? "constant-first" : "tribuo-first");
    ModelFolders.write(folder, ModelFolders.logistic(ModelFolders.patients(1, 200)), ModelFolders.patients(2, 2));
    MlModel tribuo = MlModelFiles.read(folder);
    Files.writeString(folder.resolve("weight.txt"), "0.75");
    Map<String, Map<String, Object>> flavors = new LinkedHashMap<>();
    if (constantFirst) {
      flavors.put("constant", Map.of("data", "weight.txt"));
    }
    flavors.putAll(tribuo.flavors());
    flavors.putIfAbsent("constant", Map.of("data", "weight.txt"));
    MlModelFiles.write(folder, new MlModel(null, flavors, tribuo.modelUuid(), tribuo.utcTimeCreated(), null,
        tribuo.signature(), tribuo.savedInputExampleInfo(), Map.of()));
    return folder;
  }

  @Test
  void theFirstOfTheModelsFlavorsThatIsRegisteredLoadsIt() throws Exception {
    ModelFlavors registry = ModelFlavors.of(List.of(new TribuoFlavor(), new ConstantFlavor()));
    Batch rows = ModelFolders.batch(ModelFolders.patients(3, 4));

    Path constantFirst = folder(true);
    Predictions constant = registry.load(constantFirst, MlModelFiles.read(constantFirst)).predict(rows);
    assertThat(constant.probabilities("1")).containsOnly(0.75);

    Path tribuoFirst = folder(false);
    Predictor tribuo = registry.load(tribuoFirst, MlModelFiles.read(tribuoFirst));
    assertThat(tribuo.predict(rows).probabilities("1")).doesNotContain(0.75);
    assertThat(ModelFlavors.of(List.of(new TribuoFlavor())).load(constantFirst, MlModelFiles.read(constantFirst))
        .predict(rows).probabilities("1")).as("an unknown flavor is passed over").doesNotContain(0.75);
  }

  @Test
  void aModelInNoRegisteredFlavorIsRefusedNamingItsFlavorsAndTheRegisteredOnes() throws Exception {
    Path folder = folder(true);
    ModelFlavors onlyOnnx = ModelFlavors.of(List.of(new ModelFlavor() {
      @Override
      public String name() {
        return "onnx";
      }

      @Override
      public Predictor load(Path d, MlModel model, Map<String, Object> settings) {
        throw new AssertionError("not this one");
      }
    }));
    assertThatThrownBy(() -> onlyOnnx.load(folder, MlModelFiles.read(folder))).isInstanceOf(MloopException.class)
        .hasMessage("model folder " + folder + " has flavors [constant, mloop_tribuo], none of which mloop serves; it"
            + " serves onnx (register a model saved in one of those to deploy it)");
  }

  @Test
  void tribuoIsBuiltInAndWhatIsInstalledIsWhatTheDeploymentCheckSees() {
    assertThat(ModelFlavors.installed().names()).startsWith(TribuoFlavor.NAME);
    assertThat(ServableFlavors.installed()).containsExactlyInAnyOrderElementsOf(ModelFlavors.installed().names());
    assertThat(ModelFlavors.of(List.of(new TribuoFlavor(), new TribuoFlavor(), new ConstantFlavor())).names())
        .as("a name registered twice keeps its first flavor").containsExactly("mloop_tribuo", "constant");
  }
}
