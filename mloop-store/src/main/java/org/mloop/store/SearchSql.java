package org.mloop.store;

import java.util.ArrayList;
import java.util.List;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.OrderBy;
import org.mloop.core.tracking.SearchFilter;
import org.mloop.core.tracking.SearchFilter.Clause;
import org.mloop.core.tracking.SearchFilter.Target;
import org.mloop.core.tracking.ViewType;

/**
 * Compiles runs/search and experiments/search requests to one SELECT with bind values.
 *
 * <p>Runs: each metric, param or tag comparison is an EXISTS probe on that table's
 * (run_id, key) primary key, so a filter costs a few index lookups per candidate run and a run
 * lacking the key never matches (MLflow's inner-join semantics, also for !=). Metrics compare their
 * latest value, NaN never matches. Ordering by a metric, param or tag is a LEFT JOIN on the same
 * key; runs without it sort last in both directions, NaN metrics just before them, as MLflow.
 * Ties fall back to MLflow's default order: start_time DESC, run_id ASC.
 */
final class SearchSql {
  static final String RUN_COLUMNS =
      "r.run_id, r.experiment_id, r.run_name, r.user_id, r.status, r.start_time, r.end_time, r.artifact_uri, "
          + "r.lifecycle_stage";
  static final String EXPERIMENT_COLUMNS =
      "e.experiment_id, e.name, e.artifact_location, e.lifecycle_stage, e.creation_time, e.last_update_time";

  /** SQL text plus its bind values in order. */
  record Query(String sql, List<Object> binds) {}

  private final SqlConditions conditions;

  SearchSql(Dialect dialect) {
    this.conditions = new SqlConditions(dialect);
  }

  Query runs(List<Long> experimentIds, SearchFilter filter, ViewType viewType, List<OrderBy> orderBy,
      int limit, long offset) {
    List<Object> joinBinds = new ArrayList<>();
    List<Object> whereBinds = new ArrayList<>();
    StringBuilder joins = new StringBuilder();
    List<String> orderTerms = new ArrayList<>();

    int n = 0;
    for (OrderBy order : orderBy) {
      String alias = "o" + n++;
      String direction = order.ascending() ? " ASC" : " DESC";
      switch (order.kind()) {
        case METRIC -> {
          joins.append(" LEFT JOIN latest_metrics ").append(alias).append(" ON ").append(alias)
              .append(".run_id = r.run_id AND ").append(alias).append(".metric_key = ?");
          joinBinds.add(order.key());
          orderTerms.add("CASE WHEN " + alias + ".run_id IS NULL THEN 2 WHEN " + alias + ".is_nan = 1 THEN 1 ELSE 0 END");
          orderTerms.add(alias + ".metric_value" + direction);
        }
        case PARAM, TAG -> {
          boolean param = order.kind() == SearchFilter.Kind.PARAM;
          joins.append(" LEFT JOIN ").append(param ? "params " : "tags ").append(alias).append(" ON ")
              .append(alias).append(".run_id = r.run_id AND ").append(alias)
              .append(param ? ".param_key = ?" : ".tag_key = ?");
          joinBinds.add(order.key());
          orderTerms.add("(" + alias + ".run_id IS NULL)");
          orderTerms.add(alias + (param ? ".param_value" : ".tag_value") + direction);
        }
        case ATTRIBUTE -> {
          String column = "r." + order.key();
          orderTerms.add("(" + column + " IS NULL)");
          orderTerms.add(column + direction);
        }
      }
    }
    orderTerms.add("r.start_time DESC");
    orderTerms.add("r.run_id ASC");

    List<String> where = new ArrayList<>();
    if (experimentIds != null) {
      where.add("r.experiment_id IN (" + Jdbc.placeholders(experimentIds.size()) + ")");
      whereBinds.addAll(experimentIds);
    }
    stage("r", viewType, where, whereBinds);
    for (Clause clause : filter.clauses()) {
      where.add(runCondition(clause, whereBinds));
    }

    StringBuilder sql = new StringBuilder("SELECT ").append(RUN_COLUMNS).append(" FROM runs r").append(joins);
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    sql.append(" ORDER BY ").append(String.join(", ", orderTerms)).append(" LIMIT ? OFFSET ?");
    List<Object> binds = new ArrayList<>(joinBinds);
    binds.addAll(whereBinds);
    binds.add(limit);
    binds.add(offset);
    return new Query(sql.toString(), binds);
  }

  private String runCondition(Clause clause, List<Object> binds) {
    boolean numeric = clause.numeric(Target.RUNS);
    switch (clause.kind()) {
      case METRIC:
        binds.add(clause.key());
        return "EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_id = r.run_id AND m.metric_key = ? "
            + "AND m.is_nan = 0 AND " + conditions.compare("m.metric_value", clause, true, binds) + ")";
      case PARAM:
        binds.add(clause.key());
        return "EXISTS (SELECT 1 FROM params p WHERE p.run_id = r.run_id AND p.param_key = ? AND "
            + conditions.compare("p.param_value", clause, false, binds) + ")";
      case TAG:
        binds.add(clause.key());
        return "EXISTS (SELECT 1 FROM tags t WHERE t.run_id = r.run_id AND t.tag_key = ? AND "
            + conditions.compare("t.tag_value", clause, false, binds) + ")";
      case ATTRIBUTE:
        // The parser only lets canonical attribute names through; they are the column names.
        return conditions.compare("r." + clause.key(), clause, numeric, binds);
      default:
        throw MloopException.invalid("cannot search runs by " + clause.kind());
    }
  }

  Query experiments(SearchFilter filter, ViewType viewType, List<OrderBy> orderBy, int limit, long offset) {
    List<Object> binds = new ArrayList<>();
    List<String> orderTerms = new ArrayList<>();
    for (OrderBy order : orderBy) {
      String direction = order.ascending() ? " ASC" : " DESC";
      if (order.kind() == SearchFilter.Kind.TAG) {
        binds.add(order.key());
        String value = "(SELECT t.tag_value FROM experiment_tags t WHERE t.experiment_id = e.experiment_id "
            + "AND t.tag_key = ?)";
        orderTerms.add("(" + value + " IS NULL)");
        binds.add(order.key());
        orderTerms.add(value + direction);
      } else {
        orderTerms.add("e." + order.key() + direction);
      }
    }
    orderTerms.add("e.creation_time DESC");
    orderTerms.add("e.experiment_id ASC");

    List<Object> whereBinds = new ArrayList<>();
    List<String> where = new ArrayList<>();
    stage("e", viewType, where, whereBinds);
    for (Clause clause : filter.clauses()) {
      if (clause.kind() == SearchFilter.Kind.TAG) {
        whereBinds.add(clause.key());
        where.add("EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.experiment_id AND t.tag_key = ? "
            + "AND " + conditions.compare("t.tag_value", clause, false, whereBinds) + ")");
      } else {
        String column = clause.key().equals("experiment_id") ? "CAST(e.experiment_id AS TEXT)" : "e." + clause.key();
        where.add(conditions.compare(column, clause, clause.numeric(Target.EXPERIMENTS), whereBinds));
      }
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(EXPERIMENT_COLUMNS).append(" FROM experiments e");
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    sql.append(" ORDER BY ").append(String.join(", ", orderTerms)).append(" LIMIT ? OFFSET ?");
    // Order-by binds appear after the WHERE binds in the SQL text.
    List<Object> all = new ArrayList<>(whereBinds);
    all.addAll(binds);
    all.add(limit);
    all.add(offset);
    return new Query(sql.toString(), all);
  }

  private static void stage(String alias, ViewType viewType, List<String> where, List<Object> binds) {
    ViewType view = viewType == null ? ViewType.ACTIVE_ONLY : viewType;
    if (view == ViewType.ACTIVE_ONLY) {
      where.add(alias + ".lifecycle_stage = ?");
      binds.add("active");
    } else if (view == ViewType.DELETED_ONLY) {
      where.add(alias + ".lifecycle_stage = ?");
      binds.add("deleted");
    }
  }
}
