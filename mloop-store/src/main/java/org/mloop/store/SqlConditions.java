package org.mloop.store;

import java.util.List;
import org.mloop.core.tracking.SearchFilter.Clause;

/**
 * Compiles one filter comparison on a column expression to SQL, appending its bind values.
 * Literals are always bound, never pasted; the SQL text only ever contains column names chosen
 * by the store and comparator symbols from a closed set.
 */
final class SqlConditions {
  private final Dialect dialect;

  SqlConditions(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The comparison of {@code column} with the clause's literal, numeric or string as the parser decided. */
  String compare(String column, Clause clause, boolean numeric, List<Object> binds) {
    if (numeric) {
      binds.add(clause.numberValue());
      return column + " " + clause.comparator().symbol() + " ?";
    }
    switch (clause.comparator()) {
      case EQ:
      case NE:
        binds.add(clause.stringValue());
        return column + " " + clause.comparator().symbol() + " ?";
      case LIKE:
        binds.add(dialect.likePattern(clause.stringValue()));
        return dialect.like(column);
      case ILIKE:
        binds.add(clause.stringValue());
        return dialect.ilike(column);
      case IN:
      case NOT_IN:
        List<String> values = clause.listValue();
        binds.addAll(values);
        return column + " " + clause.comparator().symbol() + " (" + Jdbc.placeholders(values.size()) + ")";
      default:
        throw new IllegalStateException("comparator " + clause.comparator() + " reached a string comparison");
    }
  }
}
