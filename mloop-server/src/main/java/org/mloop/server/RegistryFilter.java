package org.mloop.server;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.SearchFilter;
import org.mloop.core.tracking.SearchFilter.Clause;
import org.mloop.core.tracking.SearchFilter.Kind;
import org.mloop.core.tracking.SearchFilter.Target;

/**
 * Evaluates a parsed registry search filter (MLflow's syntax: {@code name LIKE 'diab%' AND
 * tags.team = 'ml'}) against items in memory. Registries hold hundreds of models, not millions of
 * runs, so the store lists and this filters.
 */
final class RegistryFilter<T> {
  private final SearchFilter filter;
  private final Target target;
  private final BiFunction<T, Clause, String> value;

  /** {@code value} gives an item's value for a clause's key (an attribute or a tag), or null when it has none. */
  RegistryFilter(SearchFilter filter, Target target, BiFunction<T, Clause, String> value) {
    this.filter = filter;
    this.target = target;
    this.value = value;
  }

  boolean matches(T item) {
    for (Clause clause : filter.clauses()) {
      if (!matches(clause, value.apply(item, clause))) {
        return false;
      }
    }
    return true;
  }

  private boolean matches(Clause clause, String actual) {
    if (actual == null) {
      return false;
    }
    if (clause.kind() != Kind.TAG && clause.numeric(target)) {
      double number;
      try {
        number = Double.parseDouble(actual);
      } catch (NumberFormatException e) {
        return false;
      }
      int cmp = Double.compare(number, clause.numberValue());
      return switch (clause.comparator()) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
        default -> false;
      };
    }
    return switch (clause.comparator()) {
      case EQ -> actual.equals(clause.stringValue());
      case NE -> !actual.equals(clause.stringValue());
      case LIKE -> like(clause.stringValue(), false).matcher(actual).matches();
      case ILIKE -> like(clause.stringValue(), true).matcher(actual).matches();
      case IN -> clause.listValue().contains(actual);
      case NOT_IN -> !clause.listValue().contains(actual);
      default -> false;
    };
  }

  /** SQL LIKE: '%' any run of characters, '_' one character, everything else literal. */
  static Pattern like(String pattern, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '%' || c == '_') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '%' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
  }

  /**
   * An order_by list ("name ASC", "version_number DESC", "attributes.name") over {@code keys}; ties and
   * an empty list fall back to {@code fallback}. Unknown keys are refused with the keys there are.
   */
  static <T> Comparator<T> order(List<String> orderBy, Map<String, Comparator<T>> keys, Comparator<T> fallback,
      String what) {
    Comparator<T> order = null;
    for (String clause : orderBy) {
      String[] words = clause.trim().split("\\s+");
      String key = words[0].replaceFirst("^attributes?\\.", "");
      Comparator<T> c = keys.get(key);
      boolean desc = words.length == 2 && words[1].equalsIgnoreCase("DESC");
      boolean asc = words.length == 1 || words[1].equalsIgnoreCase("ASC");
      if (c == null || words.length > 2 || !(asc || desc)) {
        throw MloopException.invalid("Invalid order_by clause '" + clause + "': order " + what + " by one of "
            + new TreeSet<>(keys.keySet()) + ", optionally followed by ASC or DESC");
      }
      c = desc ? c.reversed() : c;
      order = order == null ? c : order.thenComparing(c);
    }
    return order == null ? fallback : order.thenComparing(fallback);
  }

  /** One page of {@code items} from an offset page token ("" or absent is the start). */
  static <T> List<T> page(List<T> items, int offset, int maxResults) {
    int from = Math.min(offset, items.size());
    return items.subList(from, Math.min(items.size(), from + maxResults));
  }

  /** Page tokens are plain offsets here; a bad one is the caller's mistake, named as such. */
  static int offset(String pageToken) {
    if (pageToken == null || pageToken.isEmpty()) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(pageToken);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw MloopException.invalid("Invalid page_token '" + pageToken
        + "': pass the next_page_token of the previous answer unchanged");
  }
}
