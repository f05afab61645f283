package org.mloop.ci.expr;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub Actions' expression language ("Evaluate expressions in workflows and actions"): literals,
 * contexts with {@code a.b}, {@code a['b']} and object filters {@code a.*.b}, the operators
 * {@code ( ) [ ] . ! < <= > >= == != && ||}, loose equality, case-insensitive string comparison, and
 * the functions contains, startsWith, endsWith, format, join, toJSON, fromJSON, hashFiles, success,
 * failure, always, cancelled.
 *
 * <p>Values are null, Boolean, Double, String, List and Map. Missing properties are null. Static and
 * thread-safe; parsed expressions are cached by their text.
 */
public final class Expressions {
  private static final int CACHE_LIMIT = 10_000;
  private static final ConcurrentHashMap<String, Parser.Parsed> CACHE = new ConcurrentHashMap<>();

  private Expressions() {}

  /** Evaluates one expression: the text between {@code ${{} and {@code }}}, without them. */
  public static Object evaluate(String expression, Contexts contexts) {
    Parser.Parsed parsed = parsed(expression.strip());
    return parsed.root().eval(new Node.Scope(contexts, parsed.text()));
  }

  /**
   * Replaces every {@code ${{ ... }}} in the text with its value's string form: null as "", booleans as
   * true/false, numbers without a trailing .0, objects and arrays as JSON.
   */
  public static String interpolate(String text, Contexts contexts) {
    if (text == null || !text.contains("${{")) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (Template.Part part : Template.split(text)) {
      out.append(part.expression() ? Values.interpolated(evaluate(part, contexts)) : part.text());
    }
    return out.toString();
  }

  /**
   * A value written in a workflow: when the whole text is one {@code ${{ }}}, its value keeps its type
   * (for {@code timeout-minutes}, {@code continue-on-error}, {@code with:} values); otherwise the
   * interpolated string.
   */
  public static Object resolve(String text, Contexts contexts) {
    if (text == null || !text.contains("${{")) {
      return text;
    }
    List<Template.Part> parts = Template.split(text);
    if (parts.size() == 1 && parts.get(0).expression()) {
      return evaluate(parts.get(0), contexts);
    }
    return interpolate(text, contexts);
  }

  /**
   * An {@code if:} condition, with or without {@code ${{ }}} around it. Without a status function
   * (success, failure, always, cancelled) it means {@code success() && (condition)}; null or blank
   * means {@code success()}. The value's truthiness decides: false, 0, -0, NaN, "" and null are false.
   */
  public static boolean condition(String ifText, Contexts contexts) {
    String expression = conditionExpression(ifText);
    boolean success = contexts.succeeded();
    if (expression == null) {
      return success;
    }
    Parser.Parsed parsed = parsed(expression);
    if (!parsed.callsStatusFunction() && !success) {
      return false;
    }
    return Values.truthy(parsed.root().eval(new Node.Scope(contexts, parsed.text())));
  }

  /**
   * Whether an {@code if:} value calls a status function (success, failure, always, cancelled; names are
   * case-insensitive), which replaces the implicit {@code success() &&}. False for null or blank.
   *
   * @throws ExpressionException when the condition does not parse
   */
  public static boolean callsStatusFunction(String ifText) {
    String expression = conditionExpression(ifText);
    return expression != null && parsed(expression).callsStatusFunction();
  }

  /**
   * Parses every {@code ${{ }}} of the text without evaluating, so a workflow's mistakes are found before
   * any job starts. Checks syntax, function names and argument counts, and context names.
   *
   * @throws ExpressionException naming the expression and the position; {@link ExpressionException#textIndex()}
   *     locates the problem in {@code text}
   */
  public static void check(String text) {
    if (text == null || !text.contains("${{")) {
      return;
    }
    for (Template.Part part : Template.split(text)) {
      if (part.expression()) {
        checkAt(part.text(), part.start());
      }
    }
  }

  /** Like {@link #check} for an {@code if:} value, which may omit {@code ${{ }}}. */
  public static void checkCondition(String ifText) {
    String expression = conditionExpression(ifText);
    if (expression != null) {
      int offset = ifText.indexOf(expression);
      checkAt(expression, Math.max(offset, 0));
    }
  }

  /** Truthiness as GitHub's conditions judge it. */
  public static boolean isTruthy(Object value) {
    return Values.truthy(Values.normalize(value));
  }

  /** The string a value becomes inside a text ({@code ${{ }}} interpolation). */
  public static String toText(Object value) {
    return Values.interpolated(Values.normalize(value));
  }

  /** A value as {@code toJSON} writes it: two-space indented JSON. */
  public static String toJson(Object value) {
    return JsonText.write(value);
  }

  private static void checkAt(String expression, int start) {
    try {
      Parser.Parsed parsed = parsed(expression);
      for (Node.ContextRef ref : parsed.contexts()) {
        if (!KnownContexts.isKnown(ref.name())) {
          throw Errors.at("Unknown context '" + ref.name() + "' (known: " + KnownContexts.list() + ")",
              expression, ref.start());
        }
      }
    } catch (ExpressionException e) {
      throw located(e, start);
    }
  }

  private static Object evaluate(Template.Part part, Contexts contexts) {
    try {
      return evaluate(part.text(), contexts);
    } catch (ExpressionException e) {
      throw located(e, part.start());
    }
  }

  private static ExpressionException located(ExpressionException e, int start) {
    int index = e.textIndex() >= 0 ? e.textIndex() : start + Math.max(e.position() - 1, 0);
    return new ExpressionException(e.getMessage(), e.expression(), e.position(), index);
  }

  /** The expression of an if: text, or null when it is blank (which means success()). */
  private static String conditionExpression(String ifText) {
    if (ifText == null || ifText.isBlank()) {
      return null;
    }
    String text = ifText.strip();
    if (text.startsWith("${{")) {
      List<Template.Part> parts = Template.split(text);
      if (parts.size() == 1 && parts.get(0).expression()) {
        return parts.get(0).text();
      }
    }
    return text;
  }

  private static Parser.Parsed parsed(String expression) {
    Parser.Parsed cached = CACHE.get(expression);
    if (cached != null) {
      return cached;
    }
    Parser.Parsed parsed = Parser.parse(expression);
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear(); // workflows use a few hundred distinct expressions; this only bounds a runaway caller
    }
    CACHE.put(expression, parsed);
    return parsed;
  }
}
