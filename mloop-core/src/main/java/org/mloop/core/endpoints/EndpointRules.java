package org.mloop.core.endpoints;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;
import org.mloop.core.NameRule;

/**
 * The rules an endpoint's names and traffic follow, checked by every store and workspace so a bad
 * split is refused the same way everywhere. They follow Azure ML's: live traffic is whole percents
 * summing to 100 (or 0 everywhere, when nothing should be served yet), every name is a deployment
 * of the endpoint, and mirror traffic goes to one deployment with no live traffic, at most 50%.
 */
public final class EndpointRules {
  public static final int MAX_MIRROR_PERCENT = 50;

  private EndpointRules() {}

  private static final String SHORT_NAME = "[A-Za-z][A-Za-z0-9-]{1,30}[A-Za-z0-9]";
  private static final String SHORT_NAME_ADVICE =
      "use 3-32 letters, digits or '-', starting with a letter and not ending with '-', e.g. ";

  /** Endpoint names: 3-32 characters, letters, digits and '-', starting with a letter (Azure's rule; they go into URLs). */
  public static final NameRule ENDPOINT_NAME = NameRule.of("endpoint name", 32, SHORT_NAME,
      SHORT_NAME_ADVICE + "diabetes-prod");
  /** Monitor names: the endpoint rule (they go into URLs and artifact paths), e.g. diabetes-prod-monitor. */
  public static final NameRule MONITOR_NAME = NameRule.of("monitor name", 32, SHORT_NAME,
      SHORT_NAME_ADVICE + "diabetes-prod-monitor");
  /** Deployment names: 3-32 characters, letters, digits and '-', starting with a letter, e.g. blue. */
  public static final NameRule DEPLOYMENT_NAME = NameRule.of("deployment name", 32, SHORT_NAME,
      SHORT_NAME_ADVICE + "blue or green");

  public static String checkEndpointName(String name) {
    return ENDPOINT_NAME.check(name);
  }

  public static String checkMonitorName(String name) {
    return MONITOR_NAME.check(name);
  }

  public static String checkDeploymentName(String name) {
    return DEPLOYMENT_NAME.check(name);
  }

  /**
   * Parses "blue=90,green=10" (spaces allowed) into an ordered map; "" gives an empty map.
   * {@code option} names the flag in errors, e.g. "--traffic".
   */
  public static Map<String, Integer> parseSplit(String text, String option) {
    Map<String, Integer> split = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return split;
    }
    for (String part : text.split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw MloopException.invalid(option + " " + MessageText.quoted(text) + ": expected DEPLOYMENT=PERCENT pairs separated by commas, "
            + "e.g. blue=90,green=10");
      }
      String name = p.substring(0, eq).trim();
      String value = p.substring(eq + 1).trim();
      int percent;
      try {
        percent = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw MloopException.invalid(option + ": " + MessageText.quoted(value) + " for deployment "
            + MessageText.quoted(name) + " is not a whole percent from 0 to 100");
      }
      if (split.put(name, percent) != null) {
        throw MloopException.invalid(option + ": deployment " + MessageText.quoted(name) + " is given twice");
      }
    }
    return split;
  }

  /** Checks a traffic and mirror split against the endpoint's deployments; throws naming the offending entry. */
  public static void checkTraffic(String endpoint, Map<String, Integer> traffic, Map<String, Integer> mirror,
      Set<String> deployments) {
    int sum = 0;
    for (Map.Entry<String, Integer> e : traffic.entrySet()) {
      checkShare(endpoint, "traffic", e.getKey(), e.getValue(), deployments);
      sum += e.getValue();
    }
    if (sum != 100 && sum != 0) {
      throw MloopException.invalid("endpoint '" + endpoint + "': traffic " + traffic + " adds up to " + sum
          + "%; live traffic must add up to 100% (or be 0 everywhere)");
    }
    int mirrored = 0;
    for (Map.Entry<String, Integer> e : mirror.entrySet()) {
      checkShare(endpoint, "mirror traffic", e.getKey(), e.getValue(), deployments);
      if (e.getValue() == 0) {
        continue;
      }
      mirrored++;
      if (e.getValue() > MAX_MIRROR_PERCENT) {
        throw MloopException.invalid("endpoint '" + endpoint + "': mirror traffic " + e.getValue() + "% to '"
            + e.getKey() + "' is over the limit of " + MAX_MIRROR_PERCENT + "%");
      }
      if (traffic.getOrDefault(e.getKey(), 0) > 0) {
        throw MloopException.invalid("endpoint '" + endpoint + "': deployment '" + e.getKey()
            + "' has live traffic, so it cannot also receive mirror traffic; mirror to a deployment at 0%");
      }
    }
    if (mirrored > 1) {
      throw MloopException.invalid("endpoint '" + endpoint + "': mirror traffic " + mirror
          + " goes to more than one deployment; mirror to one deployment at a time");
    }
  }

  private static void checkShare(String endpoint, String what, String deployment, Integer percent,
      Set<String> deployments) {
    if (!deployments.contains(deployment)) {
      throw MloopException.invalid("endpoint '" + endpoint + "' has no deployment " + MessageText.quoted(deployment)
          + " for its "
          + what + "; its deployments are " + (deployments.isEmpty() ? "none yet" : String.join(", ", deployments)));
    }
    if (percent == null || percent < 0 || percent > 100) {
      throw MloopException.invalid("endpoint '" + endpoint + "': " + what + " " + percent + "% for "
          + MessageText.quoted(deployment) + " is not a whole percent from 0 to 100");
    }
  }
}
