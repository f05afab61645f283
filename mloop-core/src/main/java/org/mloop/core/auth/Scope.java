package org.mloop.core.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.EndpointRules;
import org.mloop.core.registry.ModelRef;

/**
 * The resources a token may change, as the scope of an Azure role assignment: a list of
 * {@code alias:NAME} (that alias of every model), {@code alias:MODEL@NAME} (of one model) and
 * {@code endpoint:NAME}, written comma-separated ({@code alias:staging,endpoint:diabetes-staging}).
 *
 * <p>An empty scope is the whole workspace. A scoped token sets and deletes only the aliases its scope
 * names, and changes, deletes and reads the keys of only the endpoints it names; everything else
 * (reads, data, jobs, runs, registering versions) is judged by its role alone. So the token of the
 * GitHub environment {@code staging} is a deployer scoped to {@code alias:staging,endpoint:diabetes-staging}
 * and cannot move {@code @production} nor touch {@code diabetes-prod}, which the {@code production}
 * environment's token ({@code alias:production,endpoint:diabetes-prod}) can.
 */
public record Scope(List<Resource> entries) {
  public static final Scope WORKSPACE = new Scope(List.of());

  public Scope {
    entries = List.copyOf(new LinkedHashSet<>(entries));
  }

  /** Parses the comma-separated form; null, blank or "*" is the whole workspace. */
  public static Scope parse(String text) {
    if (text == null || text.isBlank() || text.strip().equals("*")) {
      return WORKSPACE;
    }
    List<Resource> entries = new ArrayList<>();
    for (String part : text.split(",")) {
      String entry = part.strip();
      if (entry.isEmpty()) {
        continue;
      }
      entries.add(entry(entry));
    }
    return new Scope(entries);
  }

  private static Resource entry(String entry) {
    int colon = entry.indexOf(':');
    String kind = colon < 0 ? "" : entry.substring(0, colon).strip();
    String name = colon < 0 ? entry : entry.substring(colon + 1).strip();
    switch (kind) {
      case "alias" -> {
        int at = name.indexOf('@');
        if (at < 0) {
          return Resource.alias(null, ModelRef.checkAlias(name, entry));
        }
        return Resource.alias(ModelRef.checkName(name.substring(0, at), entry),
            ModelRef.checkAlias(name.substring(at + 1), entry));
      }
      case "endpoint" -> {
        return Resource.endpoint(EndpointRules.checkEndpointName(name));
      }
      default -> throw MloopException.invalid("bad scope entry '" + entry + "': use alias:NAME, alias:MODEL@NAME or"
          + " endpoint:NAME, comma-separated (e.g. alias:staging,endpoint:diabetes-staging)");
    }
  }

  /** True for the whole workspace. */
  public boolean unrestricted() {
    return entries.isEmpty();
  }

  /** True when this scope lets its token change {@code resource}. */
  public boolean covers(Resource resource) {
    if (unrestricted()) {
      return true;
    }
    for (Resource e : entries) {
      if (e.kind() == resource.kind() && e.name().equals(resource.name())
          && (e.model() == null || e.model().equals(resource.model()))) {
        return true;
      }
    }
    return false;
  }

  /** The comma-separated form, "" for the whole workspace. */
  @Override
  public String toString() {
    return entries.stream()
        .map(e -> e.kind().wireName() + ":" + (e.model() == null ? "" : e.model() + "@") + e.name())
        .collect(Collectors.joining(","));
  }
}
