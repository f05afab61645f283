package org.mloop.core.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.SearchFilter.Clause;
import org.mloop.core.tracking.SearchFilter.Comparator;
import org.mloop.core.tracking.SearchFilter.Kind;
import org.mloop.core.tracking.SearchFilter.ListLiteral;
import org.mloop.core.tracking.SearchFilter.Literal;
import org.mloop.core.tracking.SearchFilter.NumberLiteral;
import org.mloop.core.tracking.SearchFilter.StringLiteral;
import org.mloop.core.tracking.SearchFilter.Target;

/**
 * A hand-written recursive-descent parser for MLflow's filter and order-by syntax. It scans
 * characters rather than tokens because keys such as {@code metrics.val-loss} or
 * {@code params.a.b} would not survive a generic SQL tokenizer. Errors name the 1-based
 * character position and what was found there.
 */
final class FilterParser {

  private static final Map<String, Kind> PREFIXES = Map.ofEntries(
      Map.entry("metric", Kind.METRIC),
      Map.entry("metrics", Kind.METRIC),
      Map.entry("param", Kind.PARAM),
      Map.entry("params", Kind.PARAM),
      Map.entry("parameter", Kind.PARAM),
      Map.entry("parameters", Kind.PARAM),
      Map.entry("tag", Kind.TAG),
      Map.entry("tags", Kind.TAG),
      Map.entry("attribute", Kind.ATTRIBUTE),
      Map.entry("attributes", Kind.ATTRIBUTE),
      Map.entry("attr", Kind.ATTRIBUTE),
      Map.entry("run", Kind.ATTRIBUTE));

  private final String text;
  private final Target target;
  private final String what;
  private int pos;

  FilterParser(String text, Target target) {
    this(text, target, "search filter");
  }

  FilterParser(String text, Target target, String what) {
    this.text = text == null ? "" : text;
    this.target = target;
    this.what = what;
  }

  SearchFilter parseFilter() {
    List<Clause> clauses = new ArrayList<>();
    skipSpace();
    if (atEnd()) {
      return new SearchFilter(clauses);
    }
    while (true) {
      clauses.add(parseClause());
      skipSpace();
      if (atEnd()) {
        return new SearchFilter(clauses);
      }
      int start = pos;
      String word = peekWord();
      if (word.equalsIgnoreCase("AND")) {
        pos += word.length();
        skipSpace();
        if (atEnd()) {
          throw error(start, "AND must be followed by another comparison");
        }
      } else if (word.equalsIgnoreCase("OR")) {
        throw error(start, "OR is not supported (MLflow filters combine comparisons with AND only); "
            + "run one search per alternative instead");
      } else {
        throw error(start, "expected AND or the end of the filter");
      }
    }
  }

  OrderBy parseOrderBy() {
    skipSpace();
    if (atEnd()) {
      throw error(pos, "expected a key to order by, such as 'metrics.AUC DESC' or 'attributes.start_time'");
    }
    Key key = parseKey();
    skipSpace();
    boolean ascending = true;
    if (!atEnd()) {
      int start = pos;
      String word = peekWord();
      if (word.equalsIgnoreCase("ASC")) {
        pos += word.length();
      } else if (word.equalsIgnoreCase("DESC")) {
        ascending = false;
        pos += word.length();
      } else {
        throw error(start, "expected ASC, DESC or the end of the order-by clause");
      }
      skipSpace();
      if (!atEnd()) {
        throw error(pos, "expected the end of the order-by clause after " + (ascending ? "ASC" : "DESC"));
      }
    }
    return new OrderBy(key.kind, key.name, ascending);
  }

  private record Key(Kind kind, String name, String written, int start) {}

  private Clause parseClause() {
    Key key = parseKey();
    skipSpace();
    int comparatorStart = pos;
    Comparator comparator = parseComparator();
    skipSpace();
    int valueStart = pos;
    Literal value = parseLiteral();
    return check(key, comparator, comparatorStart, value, valueStart);
  }

  private Key parseKey() {
    int start = pos;
    if (atEnd()) {
      throw error(pos, "expected a key such as metrics.AUC, params.reg_rate, tags.\"mlflow.runName\" or status");
    }
    char c = text.charAt(pos);
    if (isQuote(c)) {
      // A quoted key with no prefix names an attribute ("run name" = 'x', as MLflow allows).
      String name = quoted("key");
      return new Key(Kind.ATTRIBUTE, attribute(name, start), text.substring(start, pos), start);
    }
    if (!isWordChar(c)) {
      throw error(pos, "expected a key such as metrics.AUC, params.reg_rate, tags.\"mlflow.runName\" or status");
    }
    int wordStart = pos;
    while (!atEnd() && isWordChar(text.charAt(pos))) {
      pos++;
    }
    String word = text.substring(wordStart, pos);
    if (atEnd() || text.charAt(pos) != '.') {
      return new Key(Kind.ATTRIBUTE, attribute(word, start), word, start);
    }
    Kind kind = PREFIXES.get(word.toLowerCase(Locale.ROOT));
    if (kind == null || !target.kinds().contains(kind)) {
      throw error(start, "unknown key type '" + word + "'; use one of " + prefixList());
    }
    pos++; // the '.'
    if (atEnd()) {
      throw error(pos, "expected a key name after '" + word + ".'");
    }
    String name;
    if (isQuote(text.charAt(pos))) {
      name = quoted("key");
    } else {
      int nameStart = pos;
      while (!atEnd() && isKeyChar(text.charAt(pos))) {
        pos++;
      }
      if (pos == nameStart) {
        throw error(pos, "expected a key name after '" + word + ".' (quote it with backticks or double quotes "
            + "if it has spaces or other characters)");
      }
      name = text.substring(nameStart, pos);
    }
    if (name.isEmpty()) {
      throw error(start, "empty key name after '" + word + ".'");
    }
    if (kind == Kind.ATTRIBUTE) {
      name = attribute(name, start);
    }
    return new Key(kind, name, text.substring(start, pos), start);
  }

  private String attribute(String name, int start) {
    String canonical = target.canonicalAttribute(name);
    if (canonical == null) {
      throw error(start, "unknown attribute '" + name + "'; attributes are " + target.attributeList()
          + " (metrics, params and tags need their prefix, as in metrics." + name + ")");
    }
    return canonical;
  }

  private Comparator parseComparator() {
    if (atEnd()) {
      throw error(pos, "expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN)");
    }
    char c = text.charAt(pos);
    char next = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
    switch (c) {
      case '=':
        pos += next == '=' ? 2 : 1; // tolerate '==' as MLflow's SQL parser does
        return Comparator.EQ;
      case '!':
        if (next == '=') {
          pos += 2;
          return Comparator.NE;
        }
        break;
      case '<':
        if (next == '=') {
          pos += 2;
          return Comparator.LE;
        }
        if (next == '>') {
          pos += 2;
          return Comparator.NE;
        }
        pos++;
        return Comparator.LT;
      case '>':
        if (next == '=') {
          pos += 2;
          return Comparator.GE;
        }
        pos++;
        return Comparator.GT;
      default:
        break;
    }
    String word = peekWord().toUpperCase(Locale.ROOT);
    switch (word) {
      case "LIKE":
        pos += 4;
        return Comparator.LIKE;
      case "ILIKE":
        pos += 5;
        return Comparator.ILIKE;
      case "IN":
        pos += 2;
        return Comparator.IN;
      case "NOT": {
        int start = pos;
        pos += 3;
        skipSpace();
        if (peekWord().equalsIgnoreCase("IN")) {
          pos += 2;
          return Comparator.NOT_IN;
        }
        throw error(start, "expected NOT IN");
      }
      default:
        throw error(pos, "expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN)");
    }
  }

  private Literal parseLiteral() {
    if (atEnd()) {
      throw error(pos, "expected a value: a number, a quoted string, or a list such as ('a', 'b')");
    }
    char c = text.charAt(pos);
    if (c == '\'' || c == '"') {
      return new StringLiteral(quoted("string"));
    }
    if (c == '(') {
      return parseList();
    }
    if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
      return parseNumber();
    }
    if (c == '`') {
      throw error(pos, "backticks quote keys, not values; quote strings with ' or \"");
    }
    throw error(pos, "expected a value: a number, a quoted string, or a list such as ('a', 'b')");
  }

  private ListLiteral parseList() {
    int start = pos;
    pos++; // '('
    List<String> values = new ArrayList<>();
    skipSpace();
    if (!atEnd() && text.charAt(pos) == ')') {
      throw error(start, "empty list; IN needs at least one quoted string, as in ('a', 'b')");
    }
    while (true) {
      skipSpace();
      if (atEnd() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
        throw error(pos, "expected a quoted string in the list");
      }
      values.add(quoted("string"));
      skipSpace();
      if (atEnd()) {
        throw error(start, "list is not closed with ')'");
      }
      char c = text.charAt(pos);
      if (c == ',') {
        pos++;
      } else if (c == ')') {
        pos++;
        return new ListLiteral(values);
      } else {
        throw error(pos, "expected ',' or ')' in the list");
      }
    }
  }

  private NumberLiteral parseNumber() {
    int start = pos;
    if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
      pos++;
    }
    int digits = 0;
    while (!atEnd() && Character.isDigit(text.charAt(pos))) {
      pos++;
      digits++;
    }
    if (!atEnd() && text.charAt(pos) == '.') {
      pos++;
      while (!atEnd() && Character.isDigit(text.charAt(pos))) {
        pos++;
        digits++;
      }
    }
    if (digits > 0 && !atEnd() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (!atEnd() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
        pos++;
      }
      int expDigits = 0;
      while (!atEnd() && Character.isDigit(text.charAt(pos))) {
        pos++;
        expDigits++;
      }
      if (expDigits == 0) {
        pos = save;
      }
    }
    if (digits == 0 || (!atEnd() && isWordChar(text.charAt(pos)))) {
      while (!atEnd() && !Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      throw error(start, "'" + text.substring(start, pos) + "' is not a number; quote strings with ' or \"");
    }
    return new NumberLiteral(Double.parseDouble(text.substring(start, pos)));
  }

  /** Reads a quoted key or string; the quote character doubled inside stands for itself. */
  private String quoted(String what) {
    int start = pos;
    char quote = text.charAt(pos++);
    StringBuilder out = new StringBuilder();
    while (!atEnd()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        if (!atEnd() && text.charAt(pos) == quote) {
          out.append(quote);
          pos++;
        } else {
          return out.toString();
        }
      } else {
        out.append(c);
      }
    }
    throw error(start, "the quoted " + what + " starting here is not closed with " + quote);
  }

  private Clause check(Key key, Comparator comparator, int comparatorStart, Literal value, int valueStart) {
    boolean numeric = target.isNumeric(key.kind, key.name);
    if (numeric) {
      if (!Comparator.NUMERIC.contains(comparator)) {
        throw error(comparatorStart, "comparator " + comparator.symbol() + " does not apply to " + key.written
            + ", which is numeric; use =, !=, <, <=, > or >=");
      }
      if (!(value instanceof NumberLiteral)) {
        throw error(valueStart, key.written + " is numeric and compares with a number, such as "
            + key.written + " > 0.8 (without quotes)");
      }
    } else {
      if (!Comparator.STRING.contains(comparator)) {
        throw error(comparatorStart, "comparator " + comparator.symbol() + " does not apply to " + key.written
            + ", which is a string; use =, !=, LIKE, ILIKE, IN or NOT IN");
      }
      boolean list = comparator == Comparator.IN || comparator == Comparator.NOT_IN;
      if (list && !(value instanceof ListLiteral)) {
        throw error(valueStart, comparator.symbol() + " needs a list of quoted strings, such as ('a', 'b')");
      }
      if (!list && !(value instanceof StringLiteral)) {
        throw error(valueStart, key.written + " is a string and compares with a quoted string, such as "
            + key.written + " " + comparator.symbol() + " '0.01'");
      }
    }
    return new Clause(key.kind, key.name, comparator, value);
  }

  private MloopException error(int at, String problem) {
    String found = at >= text.length() ? "the end" : "'" + snippet(at) + "'";
    return MloopException.invalid(
        "Invalid " + what + " \"" + text + "\": " + problem + " (at character " + (at + 1) + ", found " + found + ").");
  }

  private String snippet(int at) {
    int end = Math.min(text.length(), at + 20);
    return text.substring(at, end) + (end < text.length() ? "..." : "");
  }

  private String prefixList() {
    StringBuilder out = new StringBuilder();
    for (Kind kind : Kind.values()) {
      if (target.kinds().contains(kind)) {
        out.append(out.length() == 0 ? "" : ", ").append(kind.prefix()).append('.');
      }
    }
    return out.toString();
  }

  private String peekWord() {
    int end = pos;
    while (end < text.length() && isWordChar(text.charAt(end))) {
      end++;
    }
    return text.substring(pos, end);
  }

  private void skipSpace() {
    while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private static boolean isQuote(char c) {
    return c == '`' || c == '"' || c == '\'';
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Characters of an unquoted key: those of MLflow key names but the space. */
  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '/' || c == ':';
  }
}
