package org.mloop.core.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mloop.core.MessageText;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.MloopException;
import org.mloop.core.NameRule;

/**
 * MLflow's validation of tracking keys, values and log-batch sizes, shared by every
 * {@link TrackingStore} so the embedded and remote stores reject the same requests with the same
 * words. All failures are INVALID_PARAMETER_VALUE errors that name the key and the limit.
 */
public final class TrackingRules {
  public static final int MAX_KEY_LENGTH = 250;
  public static final int MAX_PARAM_VALUE_LENGTH = 6000;
  public static final int MAX_TAG_VALUE_LENGTH = 8000;
  public static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
  public static final int MAX_EXPERIMENT_TAG_VALUE_LENGTH = 5000;
  public static final int MAX_METRICS_PER_BATCH = 1000;
  public static final int MAX_PARAMS_PER_BATCH = 100;
  public static final int MAX_TAGS_PER_BATCH = 100;
  public static final int MAX_ENTITIES_PER_BATCH = 1000;

  /**
   * Letters and digits (any script, as Python's \w), '_', '-', '.', ' ', '/' and ':'. MLflow allows
   * the colon everywhere but on Windows; we allow it so MLflow clients on Linux are never refused.
   */
  private static final Pattern KEY_CHARS = Pattern.compile("[\\p{L}\\p{Nd}_./\\- :]*", Pattern.UNICODE_CHARACTER_CLASS);

  private static final Pattern RUN_ID = Pattern.compile("[a-zA-Z0-9][\\w\\-]{0,255}");

  private TrackingRules() {}

  /** Validates a metric key (MLflow calls it the metric name). */
  public static void checkMetricKey(String key) {
    checkKey("Metric", key);
  }

  public static void checkParamKey(String key) {
    checkKey("Param", key);
  }

  public static void checkTagKey(String key) {
    checkKey("Tag", key);
  }

  public static void checkMetric(Metric metric) {
    if (metric == null) {
      throw MloopException.invalid("Metric is missing: a metric needs a key, a value, a timestamp and a step.");
    }
    checkMetricKey(metric.key());
    if (metric.timestamp() < 0) {
      throw MloopException.invalid(
          "Invalid timestamp " + metric.timestamp() + " for metric '" + metric.key()
              + "': timestamps must be nonnegative epoch milliseconds.");
    }
  }

  public static void checkParam(Param param) {
    if (param == null) {
      throw MloopException.invalid("Param is missing: a param needs a key and a value.");
    }
    checkParamKey(param.key());
    checkValue("Param", param.key(), param.value(), MAX_PARAM_VALUE_LENGTH);
  }

  public static void checkTag(RunTag tag) {
    if (tag == null) {
      throw MloopException.invalid("Tag is missing: a tag needs a key and a value.");
    }
    checkTagKey(tag.key());
    checkValue("Tag", tag.key(), tag.value(), MAX_TAG_VALUE_LENGTH);
  }

  public static void checkExperimentTag(String key, String value) {
    checkTagKey(key);
    checkValue("Experiment tag", key, value, MAX_EXPERIMENT_TAG_VALUE_LENGTH);
  }

  public static void checkExperimentName(String name) {
    if (name == null || name.isBlank()) {
      throw MloopException.invalid("Invalid experiment name: '" + name + "'. An experiment name must be a non-empty string.");
    }
    if (name.length() > MAX_EXPERIMENT_NAME_LENGTH) {
      throw MloopException.invalid(NameRule.tooLong("Experiment name", name, MAX_EXPERIMENT_NAME_LENGTH));
    }
  }

  /** MLflow's run id rule; mloop itself creates 32 lowercase hex characters. */
  public static void checkRunId(String runId) {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw MloopException.invalid("Invalid value '" + MessageText.abbreviate(runId) + "' for parameter 'run_id': a run id is letters, digits, '_' or '-'.");
    }
  }

  /**
   * Validates a log-batch request as MLflow does: the counts first, then every entity, then that no
   * param key appears twice with the request.
   */
  public static void checkBatch(List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    int m = size(metrics);
    int p = size(params);
    int t = size(tags);
    checkBatchLimit("metrics", MAX_METRICS_PER_BATCH, m);
    checkBatchLimit("params", MAX_PARAMS_PER_BATCH, p);
    checkBatchLimit("tags", MAX_TAGS_PER_BATCH, t);
    checkBatchLimit("metrics, params, and tags", MAX_ENTITIES_PER_BATCH, m + p + t);
    if (metrics != null) {
      metrics.forEach(TrackingRules::checkMetric);
    }
    if (params != null) {
      params.forEach(TrackingRules::checkParam);
      checkParamKeysUnique(params);
    }
    if (tags != null) {
      tags.forEach(TrackingRules::checkTag);
    }
  }

  private static void checkParamKeysUnique(List<Param> params) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (Param param : params) {
      if (seen.merge(param.key(), 1, Integer::sum) == 2) {
        duplicates.add(param.key());
      }
    }
    if (!duplicates.isEmpty()) {
      throw MloopException.invalid(
          "Duplicate parameter keys have been submitted: " + duplicates
              + ". Please ensure the request contains only one param value per param key.");
    }
  }

  private static void checkBatchLimit(String entities, int limit, int count) {
    if (count > limit) {
      throw MloopException.invalid(
          "A batch logging request can contain at most " + limit + " " + entities + ". Got " + count + " "
              + entities + ". Please split up " + entities + " across multiple requests and try again.");
    }
  }

  private static void checkKey(String kind, String key) {
    if (key == null || key.isEmpty()) {
      throw MloopException.invalid(kind + " key is missing: a key name must be provided.");
    }
    if (!KEY_CHARS.matcher(key).matches()) {
      throw MloopException.invalid(
          "Invalid " + kind.toLowerCase() + " key '" + MessageText.abbreviate(key) + "': names may only contain alphanumerics, "
              + "underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/).");
    }
    String normalized = ArtifactPath.posixNormalized(key);
    if (!normalized.equals(key) || normalized.equals(".") || normalized.startsWith("..") || normalized.startsWith("/")) {
      throw MloopException.invalid(
          "Invalid " + kind.toLowerCase() + " key '" + MessageText.abbreviate(key) + "': names may be treated as files in certain "
              + "cases, and must not resolve to other names when treated as such. This name would resolve to '"
              + normalized + "'.");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw MloopException.invalid(
          kind + " key '" + MessageText.abbreviate(key) + "' had length " + key.length()
              + ", which exceeds the length limit of " + MAX_KEY_LENGTH + ".");
    }
  }

  private static void checkValue(String kind, String key, String value, int limit) {
    if (value == null) {
      throw MloopException.invalid(kind + " '" + key + "' has no value: provide a value (an empty string is allowed).");
    }
    if (value.length() > limit) {
      throw MloopException.invalid(
          kind + " value for key '" + key + "' had length " + value.length()
              + ", which exceeds the length limit of " + limit + ".");
    }
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }
}
