package org.mloop.core.tracking;

import java.util.ArrayList;
import java.util.List;
import org.mloop.core.tracking.SearchFilter.Kind;
import org.mloop.core.tracking.SearchFilter.Target;

/**
 * One MLflow order-by entry such as "metrics.AUC DESC", "attributes.start_time ASC" or
 * "params.x" (ascending when no direction is given). Keys use the same syntax as filters.
 */
public record OrderBy(Kind kind, String key, boolean ascending) {

  public static OrderBy parseRun(String text) {
    return new FilterParser(text, Target.RUNS, "order_by clause").parseOrderBy();
  }

  public static OrderBy parseExperiment(String text) {
    return new FilterParser(text, Target.EXPERIMENTS, "order_by clause").parseOrderBy();
  }

  /** Parses runs/search order_by entries; null is no ordering (the store's default order). */
  public static List<OrderBy> parseRuns(List<String> entries) {
    List<OrderBy> out = new ArrayList<>();
    if (entries != null) {
      entries.forEach(e -> out.add(parseRun(e)));
    }
    return out;
  }

  public static List<OrderBy> parseExperiments(List<String> entries) {
    List<OrderBy> out = new ArrayList<>();
    if (entries != null) {
      entries.forEach(e -> out.add(parseExperiment(e)));
    }
    return out;
  }

  @Override
  public String toString() {
    return kind.prefix() + ".`" + key + "` " + (ascending ? "ASC" : "DESC");
  }
}
