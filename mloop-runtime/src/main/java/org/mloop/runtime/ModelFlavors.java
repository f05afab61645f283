package org.mloop.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.mloop.core.MloopException;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.ServableFlavors;

/**
 * The registry of model flavors, by name: {@link TribuoFlavor} built in, plus every {@link ModelFlavor}
 * found with {@link ServiceLoader} (the ONNX flavor's module registers itself so). A model is loaded
 * through the first of its MLmodel's flavors, in the file's order, that the registry has, as MLflow
 * loads a model through the flavor a tool asks for; a model in no registered flavor is refused with the
 * flavors it has and the ones that are installed.
 */
public final class ModelFlavors {
  private static volatile ModelFlavors installed;

  private final Map<String, ModelFlavor> byName;

  private ModelFlavors(List<ModelFlavor> flavors) {
    Map<String, ModelFlavor> map = new LinkedHashMap<>();
    for (ModelFlavor f : flavors) {
      map.putIfAbsent(f.name(), f); // built-ins first: a plug-in cannot replace one
    }
    this.byName = map;
  }

  /** A registry of exactly these flavors. */
  public static ModelFlavors of(List<ModelFlavor> flavors) {
    return new ModelFlavors(flavors);
  }

  /** The flavors of this class path: built-in ones, then the ServiceLoader's. */
  public static ModelFlavors installed() {
    ModelFlavors registry = installed;
    if (registry == null) {
      List<ModelFlavor> all = new ArrayList<>();
      all.add(new TribuoFlavor());
      ServiceLoader.load(ModelFlavor.class, ModelFlavors.class.getClassLoader()).forEach(all::add);
      registry = new ModelFlavors(all);
      installed = registry;
    }
    return registry;
  }

  /** The registered flavor names, in registration order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The flavor that loads {@code model}: the first of its flavors, in MLmodel order, that is registered. */
  public Optional<ModelFlavor> flavorOf(MlModel model) {
    return model.flavors().keySet().stream().filter(byName::containsKey).map(byName::get).findFirst();
  }

  /** Loads a verified folder through its flavor (see the class comment). */
  public Predictor load(Path dir, MlModel model) {
    ModelFlavor flavor = flavorOf(model).orElseThrow(() -> MloopException.invalid(
        ServableFlavors.refusal("model folder " + dir, model.flavors().keySet(), names())));
    return flavor.load(dir, model, model.flavors().get(flavor.name()));
  }

  /** What core's deployment check asks: the installed flavors' names. */
  public static final class Provider implements ServableFlavors.Provider {
    @Override
    public List<String> flavorNames() {
      return installed().names();
    }
  }
}
