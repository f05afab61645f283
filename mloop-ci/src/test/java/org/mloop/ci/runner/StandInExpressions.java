package org.mloop.ci.runner;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mloop.ci.expr.Contexts;
import org.mloop.ci.expr.ExpressionException;

/**
 * A small stand-in for GitHub's expression language, enough for the runner's tests (context paths,
 * quoted strings, == and !=, !, && and ||, the status functions); the real language has its own tests.
 */
final class StandInExpressions implements ExpressionEngine {
  private static final Pattern TEMPLATE = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);

  @Override
  public boolean condition(String ifText, Contexts contexts) {
    String text = ifText.strip();
    if (text.startsWith("${{") && text.endsWith("}}")) {
      text = text.substring(3, text.length() - 2);
    }
    return truthy(eval(text.strip(), contexts));
  }

  @Override
  public String interpolate(String text, Contexts contexts) {
    Matcher m = TEMPLATE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object v = eval(m.group(1).strip(), contexts);
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : String.valueOf(v)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private Object eval(String e, Contexts c) {
    e = e.strip();
    List<String> or = List.of(e.split("\\|\\|"));
    if (or.size() > 1) {
      return or.stream().anyMatch(p -> truthy(eval(p, c)));
    }
    List<String> and = List.of(e.split("&&"));
    if (and.size() > 1) {
      return and.stream().allMatch(p -> truthy(eval(p, c)));
    }
    if (e.contains("!=")) {
      String[] p = e.split("!=", 2);
      return !String.valueOf(eval(p[0], c)).equals(String.valueOf(eval(p[1], c)));
    }
    if (e.contains("==")) {
      String[] p = e.split("==", 2);
      return String.valueOf(eval(p[0], c)).equals(String.valueOf(eval(p[1], c)));
    }
    if (e.startsWith("!")) {
      return !truthy(eval(e.substring(1), c));
    }
    if (e.startsWith("(") && e.endsWith(")")) {
      return eval(e.substring(1, e.length() - 1), c);
    }
    switch (e) {
      case "always()": return true;
      case "success()": return !c.failed() && !c.cancelled();
      case "failure()": return c.failed();
      case "cancelled()": return c.cancelled();
      case "true": return true;
      case "false": return false;
      default: break;
    }
    if (e.startsWith("'") && e.endsWith("'")) {
      return e.substring(1, e.length() - 1);
    }
    if (e.matches("-?\\d+(\\.\\d+)?")) {
      return e;
    }
    if (!e.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
      throw new ExpressionException("the stand-in cannot evaluate '" + e + "'");
    }
    Object value = c.values();
    for (String part : e.split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(part) : null;
    }
    return value;
  }

  private static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return !String.valueOf(v).isEmpty();
  }
}
