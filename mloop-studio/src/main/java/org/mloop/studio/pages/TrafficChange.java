package org.mloop.studio.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointRules;
import org.mloop.core.workspace.Workspace;

/**
 * A traffic change asked for on an endpoint's page: per deployment its current live and mirror share
 * and the ones asked for (form fields {@code traffic.DEPLOYMENT} and {@code mirror.DEPLOYMENT}, whole
 * percents), checked with the endpoints stage's own rule ({@link EndpointRules#checkTraffic}) before
 * anything changes. {@code problem} is what is wrong with the request (null: it may be applied).
 */
public record TrafficChange(String endpoint, List<Share> shares, String problem) {

  /** One deployment's share now and as asked ({@code askedTraffic}/{@code askedMirror}: the form's text). */
  public record Share(String deployment, String model, int traffic, int mirror, String askedTraffic,
      String askedMirror) {}

  /** The form field of a deployment's live share. */
  public static String trafficField(String deployment) {
    return "traffic." + deployment;
  }

  /** The form field of a deployment's mirror share. */
  public static String mirrorField(String deployment) {
    return "mirror." + deployment;
  }

  /** Reads the asked split from the form ({@code field} gives a field's value, null when absent) and checks it. */
  public static TrafficChange read(Workspace workspace, String name, UnaryOperator<String> field) {
    Endpoint endpoint = workspace.endpoints().get(name);
    List<Share> shares = new ArrayList<>();
    for (Deployment d : workspace.endpoints().listDeployments(name)) {
      shares.add(new Share(d.name(), d.model().toString(), endpoint.trafficOf(d.name()), endpoint.mirrorOf(d.name()),
          text(field.apply(trafficField(d.name()))), text(field.apply(mirrorField(d.name())))));
    }
    TrafficChange unchecked = new TrafficChange(endpoint.name(), shares, null);
    try {
      EndpointRules.checkTraffic(endpoint.name(), unchecked.traffic(), unchecked.mirror(),
          new TreeSet<>(shares.stream().map(Share::deployment).toList()));
      return unchecked;
    } catch (MloopException e) {
      return new TrafficChange(endpoint.name(), shares, e.getMessage());
    }
  }

  public boolean valid() {
    return problem == null;
  }

  /** The live split asked for, deployments at 0% left out; throws naming the field when a share is not a percent. */
  public Map<String, Integer> traffic() {
    Map<String, Integer> split = new LinkedHashMap<>();
    for (Share s : shares) {
      put(split, s.deployment(), percent(trafficField(s.deployment()), s.askedTraffic()));
    }
    return split;
  }

  /** The mirror split asked for, deployments at 0% left out. */
  public Map<String, Integer> mirror() {
    Map<String, Integer> split = new LinkedHashMap<>();
    for (Share s : shares) {
      put(split, s.deployment(), percent(mirrorField(s.deployment()), s.askedMirror()));
    }
    return split;
  }

  private static void put(Map<String, Integer> split, String deployment, int percent) {
    if (percent != 0) {
      split.put(deployment, percent);
    }
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }

  /** A blank field is 0%; anything else must be a whole number (the service checks its range). */
  private static int percent(String fieldName, String text) {
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw MloopException.invalid(fieldName + ": '" + text + "' is not a whole percent from 0 to 100");
    }
  }
}
