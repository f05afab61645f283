package org.mloop.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;

/** The policy table: roles nest, protected aliases need a deployer, a scope limits aliases and endpoints only. */
class AccessPolicyTest {
  private final AccessPolicy policy = AccessPolicy.defaults();

  private static Caller caller(Role role, String scope) {
    return new Caller("t", role, Scope.parse(scope));
  }

  @Test
  void eachRoleHasThePermissionsOfTheOnesBeforeIt() {
    assertThat(Role.READER.grants(Permission.READ)).isTrue();
    assertThat(Role.READER.grants(Permission.JOBS_WRITE)).isFalse();
    assertThat(Role.CONTRIBUTOR.grants(Permission.ALIASES_WRITE)).isTrue();
    assertThat(Role.CONTRIBUTOR.grants(Permission.PROTECTED_ALIASES_WRITE)).isFalse();
    assertThat(Role.DEPLOYER.grants(Permission.ENDPOINT_KEYS_READ)).isTrue();
    assertThat(Role.DEPLOYER.grants(Permission.DELETE)).isFalse();
    assertThat(Role.DEPLOYER.grants(Permission.ENDPOINT_KEYS_REGENERATE)).isFalse();
    for (Permission p : Permission.values()) {
      assertThat(Role.ADMIN.grants(p)).as(p.wireName()).isTrue();
    }
  }

  @Test
  void protectedAliasesNeedTheDeployersPermissionWhateverTheirCase() {
    Resource production = Resource.alias("diabetes", "Production");
    assertThat(policy.required(Permission.ALIASES_WRITE, production)).isEqualTo(Permission.PROTECTED_ALIASES_WRITE);
    assertThat(policy.required(Permission.ALIASES_WRITE, Resource.alias("diabetes", "challenger")))
        .isEqualTo(Permission.ALIASES_WRITE);
    assertThatThrownBy(() -> policy.check(caller(Role.CONTRIBUTOR, ""), Permission.ALIASES_WRITE, List.of(production)))
        .isInstanceOfSatisfying(MloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED))
        .hasMessageContaining("'aliases.protected.write' is missing").hasMessageContaining("diabetes@Production");
    AccessPolicy custom = new AccessPolicy(Set.of("champion"));
    assertThatCode(() -> custom.check(caller(Role.CONTRIBUTOR, ""), Permission.ALIASES_WRITE, List.of(production)))
        .doesNotThrowAnyException();
  }

  @Test
  void aScopeLimitsTheAliasesAndEndpointsATokenChanges() {
    Caller staging = caller(Role.DEPLOYER, "alias:staging, endpoint:diabetes-staging");
    assertThatCode(() -> policy.check(staging, Permission.ENDPOINTS_WRITE,
        List.of(Resource.endpoint("diabetes-staging")))).doesNotThrowAnyException();
    assertThatThrownBy(() -> policy.check(staging, Permission.ENDPOINTS_WRITE, List.of(Resource.endpoint("diabetes-prod"))))
        .hasMessageContaining("outside the scope").hasMessageContaining("alias:staging,endpoint:diabetes-staging");
    assertThatCode(() -> policy.check(staging, Permission.JOBS_WRITE, List.of())).as("jobs name no resource")
        .doesNotThrowAnyException();
    Caller oneModel = caller(Role.DEPLOYER, "alias:diabetes@production");
    assertThatCode(() -> policy.check(oneModel, Permission.ALIASES_WRITE,
        List.of(Resource.alias("diabetes", "production")))).doesNotThrowAnyException();
    assertThatThrownBy(() -> policy.check(oneModel, Permission.ALIASES_WRITE,
        List.of(Resource.alias("churn", "production")))).hasMessageContaining("churn@production");
  }

  @Test
  void scopesParseAndPrintAndRefuseWhatTheyDoNotKnow() {
    assertThat(Scope.parse("").unrestricted()).isTrue();
    assertThat(Scope.parse("*").unrestricted()).isTrue();
    assertThat(Scope.parse(" endpoint:diabetes-prod ,alias:diabetes@production").toString())
        .isEqualTo("endpoint:diabetes-prod,alias:diabetes@production");
    assertThatThrownBy(() -> Scope.parse("environment:production")).hasMessageContaining("bad scope entry")
        .hasMessageContaining("alias:NAME");
    assertThatThrownBy(() -> Scope.parse("endpoint:x")).hasMessageContaining("bad endpoint name");
    assertThatThrownBy(() -> Role.parse("owner")).hasMessageContaining("reader, contributor, deployer or admin");
  }
}
