package org.mloop.core;

import java.util.regex.Pattern;

/**
 * The rule one kind of name follows (model, data asset, job, endpoint, alias...), and the one way
 * a name that breaks it is refused: an INVALID_PARAMETER_VALUE that says which kind of name, shows
 * the name abbreviated (see {@link MessageText}) and, when it is too long, the limit.
 *
 * @param what the kind of name as a message says it, e.g. "model name"
 * @param maxLength the longest name allowed, in characters
 * @param pattern what a name of allowed length must match
 * @param advice what a good name looks like, e.g. "use letters, digits, '-', '_' or '.'"
 */
public record NameRule(String what, int maxLength, Pattern pattern, String advice) {

  public static NameRule of(String what, int maxLength, String regex, String advice) {
    return new NameRule(what, maxLength, Pattern.compile(regex), advice);
  }

  /** Returns the name when it follows the rule; throws naming the problem otherwise. */
  public String check(String name) {
    return check(name, null);
  }

  /**
   * Like {@link #check(String)}, for a name read from a longer reference (as "diabetes" from
   * "diabetes@production"): the message shows the reference too, unless it is the name itself.
   */
  public String check(String name, String reference) {
    String problem = problem(name, reference);
    if (problem != null) {
      throw MloopException.invalid(problem);
    }
    return name;
  }

  /** What is wrong with the name, as a message, or null when it follows the rule. */
  public String problem(String name, String reference) {
    if (name == null || name.isEmpty()) {
      return what + " is missing" + within(name, reference) + ": " + advice;
    }
    if (name.length() > maxLength) {
      return tooLong(what, name, maxLength);
    }
    if (!pattern.matcher(name).matches()) {
      return "bad " + what + " " + MessageText.quoted(name) + within(name, reference) + ": " + advice;
    }
    return null;
  }

  /** "model name 'aaa...' (10000 characters) is too long (max 255 characters)": a name over its limit, shown once, abbreviated. */
  public static String tooLong(String what, String name, int maxLength) {
    return what + " " + MessageText.quoted(name) + " is too long (max " + maxLength + " characters)";
  }

  private static String within(String name, String reference) {
    return reference == null || reference.equals(name) ? "" : " in " + MessageText.quoted(reference);
  }
}
