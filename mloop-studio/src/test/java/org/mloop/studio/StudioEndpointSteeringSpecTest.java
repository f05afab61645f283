package org.mloop.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.auth.Role;
import org.mloop.core.auth.Scope;
import org.mloop.core.store.TokenSpec;
import org.mloop.runtime.testing.ModelFolders;
import org.mloop.studio.StudioPagesSpecTest.Browser;

/**
 * Steering an endpoint from its page, over HTTP on a real server: a traffic change is shown for
 * confirmation with the resulting split and applied only when confirmed, by a caller who may change
 * the endpoint's traffic; a split the endpoints stage refuses changes nothing and says why.
 */
class StudioEndpointSteeringSpecTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final String PAGE = "/endpoints/diabetes-prod";
  private static final String TRAFFIC = PAGE + "/traffic";

  @TempDir Path dir;

  @Test
  void aTrafficChangeIsShownForConfirmationAndAppliedOnlyOnceConfirmed() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true).fill()) {
      Browser deployer = new Browser(ws.url());
      deployer.signIn(ws.token("dana", Role.DEPLOYER));
      String page = deployer.get(PAGE).body();
      assertThat(page).contains("Change the traffic", "name=\"traffic.blue\" value=\"90\"",
          "name=\"traffic.green\" value=\"10\"", "name=\"mirror.green\" value=\"0\"");
      String csrf = csrf(page);

      HttpResponse<String> review = deployer.post(TRAFFIC, Map.of("csrf", csrf, "traffic.blue", "40",
          "traffic.green", "60", "mirror.blue", "0", "mirror.green", "0"));
      assertThat(review.statusCode()).isEqualTo(200);
      assertThat(review.body()).contains("Nothing has changed yet", "Apply this split", "name=\"confirm\" value=\"yes\"")
          .containsPattern("<td>blue</td>\\s*<td>diabetes:1</td>\\s*<td>90%</td>\\s*<td class=\"changed\"><span class=\"after\">40%")
          .containsPattern("<td>green</td>\\s*<td>diabetes:2</td>\\s*<td>10%</td>\\s*<td class=\"changed\"><span class=\"after\">60%");
      assertThat(ws.workspace.endpoints().get("diabetes-prod").traffic()).as("not applied before confirmation")
          .isEqualTo(Map.of("blue", 90, "green", 10));

      HttpResponse<String> applied = deployer.post(TRAFFIC, Map.of("csrf", csrf(review.body()), "confirm", "yes",
          "traffic.blue", "40", "traffic.green", "60", "mirror.blue", "0", "mirror.green", "0"));
      assertThat(applied.statusCode()).isEqualTo(303);
      assertThat(applied.headers().firstValue("location")).hasValue(PAGE);
      assertThat(ws.workspace.endpoints().get("diabetes-prod").traffic()).isEqualTo(Map.of("blue", 40, "green", 60));
      assertThat(deployer.get(PAGE).body()).contains("name=\"traffic.blue\" value=\"40\"");
    }
  }

  @Test
  void aMirrorShareIsPartOfTheChange() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      Browser browser = new Browser(ws.url());
      String csrf = csrf(browser.get(PAGE).body());
      HttpResponse<String> applied = browser.post(TRAFFIC, Map.of("csrf", csrf, "confirm", "yes",
          "traffic.blue", "100", "traffic.green", "0", "mirror.blue", "0", "mirror.green", "20"));
      assertThat(applied.statusCode()).isEqualTo(303);
      var endpoint = ws.workspace.endpoints().get("diabetes-prod");
      assertThat(endpoint.traffic()).isEqualTo(Map.of("blue", 100));
      assertThat(endpoint.mirrorTraffic()).isEqualTo(Map.of("green", 20));
    }
  }

  @Test
  void aSplitThatDoesNotAddUpTo100IsRefusedNamingTheFieldAndChangesNothing() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true).fill()) {
      Browser deployer = new Browser(ws.url());
      deployer.signIn(ws.token("dana", Role.DEPLOYER));
      String csrf = csrf(deployer.get(PAGE).body());
      for (String confirm : new String[] {"no", "yes"}) {
        HttpResponse<String> refused = deployer.post(TRAFFIC, Map.of("csrf", csrf, "confirm", confirm,
            "traffic.blue", "50", "traffic.green", "40"));
        assertThat(refused.statusCode()).as("confirm=" + confirm).isEqualTo(400);
        assertThat(refused.body()).contains("traffic {blue=50, green=40} adds up to 90%", "Nothing has changed")
            .contains("name=\"traffic.blue\" value=\"50\"").doesNotContain("Apply this split");
      }
      HttpResponse<String> notANumber = deployer.post(TRAFFIC, Map.of("csrf", csrf, "traffic.blue", "ninety",
          "traffic.green", "10"));
      assertThat(notANumber.statusCode()).isEqualTo(400);
      assertThat(notANumber.body()).contains("traffic.blue: 'ninety' is not a whole percent from 0 to 100");
      assertThat(ws.workspace.endpoints().get("diabetes-prod").traffic()).isEqualTo(Map.of("blue", 90, "green", 10));
    }
  }

  @Test
  void aReaderSeesNoTrafficFormAndIsRefusedAndAFormWithoutCsrfIsRefused() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true).fill()) {
      Browser reader = new Browser(ws.url());
      reader.signIn(ws.token("reader", Role.READER));
      String page = reader.get(PAGE).body();
      assertThat(page).doesNotContain("Change the traffic").doesNotContain("traffic.blue");
      HttpResponse<String> refused = reader.post(TRAFFIC, Map.of("csrf", csrf(page), "confirm", "yes",
          "traffic.blue", "0", "traffic.green", "100"));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("endpoints.write");

      Browser deployer = new Browser(ws.url());
      deployer.signIn(ws.token("dana", Role.DEPLOYER));
      deployer.get(PAGE);
      assertThat(deployer.post(TRAFFIC, Map.of("confirm", "yes", "traffic.blue", "0", "traffic.green", "100"))
          .statusCode()).as("no CSRF token").isEqualTo(403);
      assertThat(ws.workspace.endpoints().get("diabetes-prod").traffic()).isEqualTo(Map.of("blue", 90, "green", 10));
    }
  }

  @Test
  void aDeployerTestsTheEndpointInEachProtocolAndSeesAPredictionButNeverTheKey() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true, true).fill().live()) {
      String key = ws.workspace.endpoints().getKeys(StudioWorkspace.LIVE).primary();
      String live = "/endpoints/" + StudioWorkspace.LIVE;
      Browser deployer = new Browser(ws.url());
      deployer.signIn(ws.token("dana", Role.DEPLOYER));
      String page = deployer.get(live).body();
      assertThat(page).contains("<h2 id=\"test\">Test</h2>", "name=\"protocol\"", "value=\"v2\"",
          "<option value=\"green\"").containsPattern("<textarea[^>]*name=\"body\"[^>]*>\\{\\s*\"input_data\"")
          .as("the example is the model's input example").contains("\"" + ModelFolders.FEATURES[0] + "\"");
      String csrf = csrf(page);

      for (String protocol : new String[] {"azure", "mlflow", "v2"}) {
        HttpResponse<String> answer = deployer.post(live + "/test", Map.of("csrf", csrf, "protocol", protocol,
            "deployment", "", "body", ""));
        assertThat(answer.statusCode()).as(protocol).isEqualTo(200);
        String html = answer.body();
        assertThat(html).as(protocol).containsPattern("<dt>status</dt><dd><span class=\"status status-Completed\">200<")
            .contains("<dd class=\"answered-by\">blue</dd>").containsPattern("<dt>time</dt><dd>[0-9]+\\.[0-9] ms");
        assertThat(html).as(protocol).contains(protocol.equals("v2") ? "\"outputs\"" : "\"predictions\"");
      }
      HttpResponse<String> green = deployer.post(live + "/test", Map.of("csrf", csrf, "protocol", "azure",
          "deployment", "green", "body", ""));
      assertThat(green.body()).as("one deployment targeted").contains("<dd class=\"answered-by\">green</dd>");

      HttpResponse<String> bad = deployer.post(live + "/test", Map.of("csrf", csrf, "protocol", "azure",
          "deployment", "", "body", "{\"input_data\": \"<b>rows</b>\"}"));
      assertThat(bad.statusCode()).as("the page answers; the endpoint's refusal is shown").isEqualTo(200);
      assertThat(bad.body()).contains("status-Failed\">400<").contains("&lt;b&gt;rows&lt;/b&gt;")
          .doesNotContain("<b>rows</b>");
      HttpResponse<String> moved = deployer.post(live + "/traffic", Map.of("csrf", csrf, "confirm", "yes",
          "traffic.blue", "0", "traffic.green", "100"));
      assertThat(moved.statusCode()).isEqualTo(303);
      assertThat(deployer.post(live + "/test", Map.of("csrf", csrf, "protocol", "mlflow", "body", "")).body())
          .as("the next test follows the new split").contains("<dd class=\"answered-by\">green</dd>");
      assertThat(deployer.post(live + "/test", Map.of("protocol", "azure", "body", "")).statusCode())
          .as("no CSRF token").isEqualTo(403);
      assertThat(deployer.everything()).as("the key never appears").doesNotContain(key);
    }
  }

  @Test
  void aReaderCannotTestAnEndpointWithItsKey() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true, true).fill().live()) {
      String key = ws.workspace.endpoints().getKeys(StudioWorkspace.LIVE).primary();
      String live = "/endpoints/" + StudioWorkspace.LIVE;
      Browser reader = new Browser(ws.url());
      reader.signIn(ws.token("reader", Role.READER));
      String page = reader.get(live).body();
      assertThat(page).doesNotContain("id=\"test\"").doesNotContain("Change the traffic");
      HttpResponse<String> refused = reader.post(live + "/test", Map.of("csrf", csrf(page), "protocol", "azure",
          "body", ""));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("endpoints.keys.read").doesNotContain("predictions");
      assertThat(reader.everything()).doesNotContain(key);
    }
  }

  @Test
  void aDeployerScopedToAnotherEndpointCannotTestNorSteerThisOne() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true, true).fill().live()) {
      String secret = "mloop_staging_secret";
      ws.metadata.tokens().createToken(new TokenSpec("staging", Role.DEPLOYER, Scope.parse("endpoint:diabetes-prod"),
          null), ContentHash.ofString(secret));
      Browser scoped = new Browser(ws.url());
      scoped.signIn(secret);
      String live = "/endpoints/" + StudioWorkspace.LIVE;
      String page = scoped.get(live).body();
      assertThat(page).doesNotContain("id=\"test\"").doesNotContain("Change the traffic");
      HttpResponse<String> test = scoped.post(live + "/test", Map.of("csrf", csrf(page), "protocol", "azure",
          "body", ""));
      assertThat(test.statusCode()).isEqualTo(403);
      assertThat(test.body()).contains("outside the scope");
      HttpResponse<String> traffic = scoped.post(live + "/traffic", Map.of("csrf", csrf(page), "confirm", "yes",
          "traffic.blue", "0", "traffic.green", "100"));
      assertThat(traffic.statusCode()).isEqualTo(403);
      assertThat(ws.workspace.endpoints().get(StudioWorkspace.LIVE).traffic()).isEqualTo(Map.of("blue", 100));
      assertThat(scoped.get(PAGE).body()).as("the endpoint in its scope may be steered").contains("Change the traffic",
          "id=\"test\"");
    }
  }

  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("a CSRF field in the page").isTrue();
    return m.group(1);
  }
}
