package org.mloop.core.tracking;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed MLflow search filter: clauses joined by AND (MLflow has no OR), each comparing one
 * metric, param, tag or attribute with a literal. For example
 * {@code metrics.AUC > 0.8 AND params.reg_rate = '0.01' AND tags."mlflow.runName" LIKE 'diab%'}.
 *
 * <p>Stores compile the clauses to their query language with bind parameters; the parser has
 * already checked that each comparator suits its key kind and literal, so a compiler only maps.
 * Keys may be written bare ({@code metrics.val_loss}), in backticks or in double quotes (for keys
 * with spaces or other characters). Attribute keys are canonical ({@code "created"} becomes
 * {@code "start_time"}).
 */
public record SearchFilter(List<Clause> clauses) {

  public SearchFilter {
    clauses = List.copyOf(clauses);
  }

  /** Parses a runs/search filter; null or blank is the empty filter (every run matches). */
  public static SearchFilter parseRuns(String filter) {
    return new FilterParser(filter, Target.RUNS).parseFilter();
  }

  /** Parses an experiments/search filter: attributes name, creation_time, last_update_time, and tags. */
  public static SearchFilter parseExperiments(String filter) {
    return new FilterParser(filter, Target.EXPERIMENTS).parseFilter();
  }

  /** Parses a registered-models/search filter: attribute name, and tags. */
  public static SearchFilter parseRegisteredModels(String filter) {
    return new FilterParser(filter, Target.REGISTERED_MODELS).parseFilter();
  }

  /** Parses a model-versions/search filter: attributes name, run_id, source_path, version_number, and tags. */
  public static SearchFilter parseModelVersions(String filter) {
    return new FilterParser(filter, Target.MODEL_VERSIONS).parseFilter();
  }

  public boolean isEmpty() {
    return clauses.isEmpty();
  }

  /** The entity a key belongs to, from its prefix ("metrics.", "params.", "tags.", "attributes."). */
  public enum Kind {
    METRIC("metrics"),
    PARAM("params"),
    TAG("tags"),
    ATTRIBUTE("attributes");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  public enum Comparator {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    LIKE("LIKE"),
    ILIKE("ILIKE"),
    IN("IN"),
    NOT_IN("NOT IN");

    private final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    /** The comparator as written in a filter and in SQL. */
    public String symbol() {
      return symbol;
    }

    static final Set<Comparator> NUMERIC = Set.of(EQ, NE, LT, LE, GT, GE);
    static final Set<Comparator> STRING = Set.of(EQ, NE, LIKE, ILIKE, IN, NOT_IN);
  }

  /** What a clause compares with: a number, a quoted string, or a parenthesised list of strings. */
  public sealed interface Literal permits NumberLiteral, StringLiteral, ListLiteral {}

  public record NumberLiteral(double value) implements Literal {}

  public record StringLiteral(String value) implements Literal {}

  public record ListLiteral(List<String> values) implements Literal {
    public ListLiteral {
      values = List.copyOf(values);
    }
  }

  /**
   * One comparison. {@code numeric} is true for metrics and numeric attributes (start_time,
   * end_time, creation_time, last_update_time), whose literal is then a {@link NumberLiteral}.
   */
  public record Clause(Kind kind, String key, Comparator comparator, Literal value) {

    public boolean numeric(Target target) {
      return target.isNumeric(kind, key);
    }

    /** The literal as a string (string comparisons). */
    public String stringValue() {
      return ((StringLiteral) value).value();
    }

    public double numberValue() {
      return ((NumberLiteral) value).value();
    }

    public List<String> listValue() {
      return ((ListLiteral) value).values();
    }
  }

  /** What is searched: runs, experiments, registered models or model versions, which differ in their attributes and key kinds. */
  public enum Target {
    RUNS(
        Set.of(Kind.METRIC, Kind.PARAM, Kind.TAG, Kind.ATTRIBUTE),
        Set.of("run_id", "run_name", "status", "artifact_uri", "user_id", "lifecycle_stage"),
        Set.of("start_time", "end_time"),
        Map.of("created", "start_time", "Created", "start_time",
            "run name", "run_name", "Run name", "run_name", "Run Name", "run_name")),
    EXPERIMENTS(
        Set.of(Kind.TAG, Kind.ATTRIBUTE),
        Set.of("name", "experiment_id"),
        Set.of("creation_time", "last_update_time"),
        Map.of()),
    REGISTERED_MODELS(
        Set.of(Kind.TAG, Kind.ATTRIBUTE),
        Set.of("name"),
        Set.of(),
        Map.of()),
    MODEL_VERSIONS(
        Set.of(Kind.TAG, Kind.ATTRIBUTE),
        Set.of("name", "run_id", "source_path"),
        Set.of("version_number"),
        Map.of());

    private final Set<Kind> kinds;
    private final Set<String> stringAttributes;
    private final Set<String> numericAttributes;
    private final Map<String, String> aliases;

    Target(Set<Kind> kinds, Set<String> stringAttributes, Set<String> numericAttributes, Map<String, String> aliases) {
      this.kinds = kinds;
      this.stringAttributes = stringAttributes;
      this.numericAttributes = numericAttributes;
      this.aliases = aliases;
    }

    public Set<Kind> kinds() {
      return kinds;
    }

    public boolean isNumeric(Kind kind, String key) {
      return kind == Kind.METRIC || (kind == Kind.ATTRIBUTE && numericAttributes.contains(key));
    }

    /** The canonical attribute name, or null if {@code key} is no attribute of this target. */
    String canonicalAttribute(String key) {
      String name = aliases.getOrDefault(key, key);
      return stringAttributes.contains(name) || numericAttributes.contains(name) ? name : null;
    }

    String attributeList() {
      return String.join(", ", new TreeSet<>(union(stringAttributes, numericAttributes)));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
      Set<String> all = new HashSet<>(a);
      all.addAll(b);
      return all;
    }
  }
}
