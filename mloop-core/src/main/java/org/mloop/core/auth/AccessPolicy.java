package org.mloop.core.auth;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.registry.ModelRef;

/**
 * The one access check: may {@link Caller} use {@link Permission} on these resources? The role must
 * grant the permission (setting or deleting a protected alias needs
 * {@link Permission#PROTECTED_ALIASES_WRITE} instead of {@link Permission#ALIASES_WRITE}), and a
 * scoped token's scope must cover every alias and endpoint the operation changes. A refusal is
 * PERMISSION_DENIED naming the permission that is missing, or the resource outside the scope.
 *
 * <p>Protected aliases are those deployments follow and environments approve: by default
 * {@link #DEFAULT_PROTECTED_ALIASES}, compared without case, for every model.
 */
public final class AccessPolicy {
  public static final Set<String> DEFAULT_PROTECTED_ALIASES = Set.of("production", "staging");

  private final Set<String> protectedAliases;

  public AccessPolicy(Set<String> protectedAliases) {
    Set<String> names = new TreeSet<>();
    for (String alias : protectedAliases) {
      names.add(ModelRef.checkAlias(alias, "protected aliases").toLowerCase(Locale.ROOT));
    }
    this.protectedAliases = Set.copyOf(names);
  }

  public static AccessPolicy defaults() {
    return new AccessPolicy(DEFAULT_PROTECTED_ALIASES);
  }

  public Set<String> protectedAliases() {
    return new TreeSet<>(protectedAliases);
  }

  public boolean isProtected(String alias) {
    return alias != null && protectedAliases.contains(alias.toLowerCase(Locale.ROOT));
  }

  /** The permission an operation needs on {@code resource}: alias writes on a protected alias need the deployer's. */
  public Permission required(Permission permission, Resource resource) {
    if (permission == Permission.ALIASES_WRITE && resource.kind() == Resource.Kind.ALIAS && isProtected(resource.name())) {
      return Permission.PROTECTED_ALIASES_WRITE;
    }
    return permission;
  }

  /** Throws PERMISSION_DENIED unless {@code caller} may use {@code permission} on every one of {@code resources}. */
  public void check(Caller caller, Permission permission, List<Resource> resources) {
    Permission needed = permission;
    Resource on = null;
    for (Resource r : resources) {
      Permission p = required(permission, r);
      if (p != needed && !caller.role().grants(p)) {
        needed = p;
        on = r;
      }
    }
    if (!caller.role().grants(needed)) {
      throw new MloopException(ErrorCode.PERMISSION_DENIED, "permission '" + needed.wireName() + "' is missing"
          + (on != null ? " to change the protected " + on.describe() : resources.isEmpty() ? ""
          : " on " + describe(resources)) + ": " + caller.describe() + " does not have it; it needs role "
          + needed.leastRole().wireName() + " or above");
    }
    for (Resource r : resources) {
      if (!caller.scope().covers(r)) {
        throw new MloopException(ErrorCode.PERMISSION_DENIED, "permission '" + required(permission, r).wireName()
            + "' on " + r.describe() + " is outside the scope of " + caller.describe()
            + ": it may change only " + caller.scope());
      }
    }
  }

  private static String describe(List<Resource> resources) {
    return resources.stream().map(Resource::describe).collect(Collectors.joining(", "));
  }
}
