package org.mloop.runtime.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.Locale;
import java.util.Map;
import org.mloop.core.MloopException;

/**
 * ONNX Runtime session options from the flavor's {@code onnx_session_options}, the keys MLflow's
 * onnx flavor reads: {@code intra_op_num_threads}, {@code inter_op_num_threads}, {@code execution_mode}
 * (sequential or parallel), {@code graph_optimization_level} (0, 1, 2 or 99) and
 * {@code extra_session_config} (a mapping of ONNX Runtime config entries). Threads default to one
 * each: a scoring host scores many requests at once, each on its own thread.
 */
final class OnnxSessionOptions {
  private OnnxSessionOptions() {}

  static SessionOptions of(Object settings, String where) throws OrtException {
    if (settings != null && !(settings instanceof Map<?, ?>)) {
      throw MloopException.invalid(where + ": flavor onnx's " + OnnxFlavor.SESSION_OPTIONS + " must be a mapping, found "
          + settings);
    }
    Map<?, ?> s = settings == null ? Map.of() : (Map<?, ?>) settings;
    SessionOptions options = new SessionOptions();
    try {
      options.setIntraOpNumThreads(threads(s, "intra_op_num_threads", where));
      options.setInterOpNumThreads(threads(s, "inter_op_num_threads", where));
      Object mode = s.get("execution_mode");
      if (mode != null) {
        options.setExecutionMode(switch (mode.toString().toUpperCase(Locale.ROOT)) {
          case "SEQUENTIAL" -> ExecutionMode.SEQUENTIAL;
          case "PARALLEL" -> ExecutionMode.PARALLEL;
          default -> throw bad(where, "execution_mode", mode, "sequential or parallel");
        });
      }
      Object level = s.get("graph_optimization_level");
      if (level != null) {
        options.setOptimizationLevel(switch (level.toString()) {
          case "0" -> OptLevel.NO_OPT;
          case "1" -> OptLevel.BASIC_OPT;
          case "2" -> OptLevel.EXTENDED_OPT;
          case "99" -> OptLevel.ALL_OPT;
          default -> throw bad(where, "graph_optimization_level", level, "0, 1, 2 or 99");
        });
      }
      Object extra = s.get("extra_session_config");
      if (extra != null) {
        if (!(extra instanceof Map<?, ?> entries)) {
          throw bad(where, "extra_session_config", extra, "a mapping of config entries");
        }
        for (Map.Entry<?, ?> e : entries.entrySet()) {
          options.addConfigEntry(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
      }
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }

  private static int threads(Map<?, ?> s, String key, String where) {
    Object v = s.get(key);
    if (v == null) {
      return 1;
    }
    if (!(v instanceof Number n) || n.intValue() != n.doubleValue() || n.intValue() < 0 || n.intValue() > 256) {
      throw bad(where, key, v, "a whole number of threads from 0 (ONNX Runtime's default) to 256");
    }
    return n.intValue();
  }

  private static MloopException bad(String where, String key, Object value, String expected) {
    return MloopException.invalid(where + ": flavor onnx's " + OnnxFlavor.SESSION_OPTIONS + "." + key + " is '" + value
        + "'; use " + expected);
  }
}
