package org.mloop.core.models;

import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.mloop.core.MloopException;

/**
 * Which model flavors this installation can serve, as the model runtime on the class path says
 * (core knows no ML library: the runtime registers a {@link Provider} with {@link ServiceLoader}).
 * A version in no servable flavor (say, MLflow's {@code python_function} over a pickle) can still be
 * registered, as MLflow allows, but is refused when it is deployed, naming its flavors and the ones
 * that are served.
 */
public final class ServableFlavors {
  /** A model runtime's flavors, found with {@link ServiceLoader}. */
  public interface Provider {
    /** The flavor names it loads, e.g. {@code mloop_tribuo}, {@code onnx}. */
    Collection<String> flavorNames();
  }

  private static volatile List<String> installed;

  private ServableFlavors() {}

  /** The flavors every installed provider loads, sorted; empty when no model runtime is on the class path. */
  public static List<String> installed() {
    List<String> names = installed;
    if (names == null) {
      TreeSet<String> all = new TreeSet<>();
      ServiceLoader.load(Provider.class, ServableFlavors.class.getClassLoader()).forEach(p -> all.addAll(p.flavorNames()));
      names = List.copyOf(all);
      installed = names;
    }
    return names;
  }

  /**
   * Refuses {@code model} (described in the message as {@code what}, e.g. "model diabetes:3") unless
   * one of its flavors is installed. Without any model runtime on the class path nothing is checked
   * here: the scoring host that loads the model refuses it with the same words.
   */
  public static void check(MlModel model, String what) {
    List<String> served = installed();
    if (!served.isEmpty() && model.flavors().keySet().stream().noneMatch(served::contains)) {
      throw MloopException.invalid(refusal(what, model.flavors().keySet(), served));
    }
  }

  /** "model X has flavor(s) [python_function], none of which mloop serves; it serves mloop_tribuo, onnx". */
  public static String refusal(String what, Collection<String> present, Collection<String> served) {
    return what + " has flavor" + (present.size() == 1 ? " " : "s ") + present + ", none of which mloop serves; it serves "
        + String.join(", ", served) + " (register a model saved in one of those to deploy it)";
  }
}
