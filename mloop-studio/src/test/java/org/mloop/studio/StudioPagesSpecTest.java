package org.mloop.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.auth.Role;
import org.mloop.core.data.AssetRef;
import org.mloop.core.jobs.JobStatus;

/**
 * The studio over HTTP, on a real server with a real workspace: what the pages show, that every value
 * is escaped, the security headers, sign-in with a token into a session, CSRF on forms, roles enforced.
 */
class StudioPagesSpecTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  @TempDir Path dir;

  @Test
  void theOverviewShowsModelsAliasesEndpointsJobsAndMonitors() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      Browser browser = new Browser(ws.url());
      HttpResponse<String> page = browser.get("/");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
      String html = page.body();
      assertThat(section(html, "models-h")).contains("diabetes", "production", "staging", "auc", "0.8123", "0.8345")
          .contains("<time datetime=\"");
      assertThat(section(html, "endpoints-h")).contains("diabetes-prod", "blue", "diabetes:1", "90%", "green",
          "diabetes:2", "10%");
      assertThat(section(html, "jobs-h")).contains("href=\"/jobs/train-1\"", "href=\"/jobs/train-2\"", "Completed",
          "Running");
      assertThat(section(html, "monitors-h")).contains("diabetes-drift", "ALERT", "drift on bmi (psi 0.31 &gt; 0.2)");
    }
  }

  @Test
  void namesAndValuesThatLookLikeHtmlAreShownAsText() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      Browser browser = new Browser(ws.url());
      String overview = browser.get("/").body();
      assertThat(overview).contains("&lt;img src=x onerror=alert(1)&gt;")
          .contains("&lt;script&gt;alert('m')&lt;/script&gt;")
          .doesNotContain(StudioWorkspace.HTML_DISPLAY_NAME).doesNotContain(StudioWorkspace.HTML_METRIC);
      String job = browser.get("/jobs/train-2").body();
      assertThat(job).contains("epoch 3: loss=0.25 &lt;b&gt;not bold&lt;/b&gt;").doesNotContain("<b>not bold</b>");
    }
  }

  @Test
  void everyStudioResponseCarriesTheSecurityHeaders() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      Browser browser = new Browser(ws.url());
      for (String path : List.of("/", "/jobs", "/jobs/train-1", "/jobs/no-such-job", "/signin")) {
        HttpResponse<String> reply = browser.get(path);
        assertThat(reply.headers().firstValue("content-security-policy")).as(path)
            .hasValue("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " frame-ancestors 'none'");
        assertThat(reply.headers().firstValue("x-content-type-options")).as(path).hasValue("nosniff");
      }
      String page = browser.get("/").body();
      assertThat(page).as("no inline script: every script has a src").doesNotContainPattern("<script(?![^>]*\\bsrc=)")
          .doesNotContain("<style").doesNotContain(" style=");
    }
  }

  @Test
  void theJobsPageListsJobsAndEachJobHasItsOwnPageWithItsLog() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      Browser browser = new Browser(ws.url());
      String jobs = browser.get("/jobs").body();
      assertThat(jobs).contains("<h1>Jobs</h1>", "href=\"/jobs/train-1\"", "href=\"/jobs/train-2\"", "hx-get=\"/jobs\"");

      HttpResponse<String> fragment = browser.get("/jobs", Map.of("HX-Request", "true"));
      assertThat(fragment.body()).as("htmx asks for the table alone").contains("href=\"/jobs/train-2\"")
          .doesNotContain("<html").doesNotContain("<h1>");

      String job = browser.get("/jobs/train-2").body();
      assertThat(job).contains("<h1>train-2</h1>", "Running", "java -jar model.jar --epochs 5", "epoch 3: loss=0.25",
          "Cancel job");
      String done = browser.get("/jobs/train-1").body();
      assertThat(done).contains("Completed").doesNotContain("Cancel job");

      HttpResponse<String> missing = browser.get("/jobs/no-such-job");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("job 'no-such-job' not found").contains("<html");
    }
  }

  @Test
  void staticFilesAreServedUnderContentHashedPathsAndCachedForAYear() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false)) {
      Browser browser = new Browser(ws.url());
      String page = browser.get("/").body();
      Matcher htmx = Pattern.compile("src=\"(/static/[0-9a-f]{16}/htmx\\.min\\.js)\"").matcher(page);
      Matcher css = Pattern.compile("href=\"(/static/[0-9a-f]{16}/studio\\.css)\"").matcher(page);
      assertThat(htmx.find()).as("htmx linked from the page").isTrue();
      assertThat(css.find()).as("the style sheet linked from the page").isTrue();

      HttpResponse<String> js = browser.get(htmx.group(1));
      assertThat(js.statusCode()).isEqualTo(200);
      assertThat(js.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
      assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
      assertThat(js.body()).contains("htmx");
      HttpResponse<String> style = browser.get(css.group(1));
      assertThat(style.body()).contains("prefers-color-scheme: dark");

      assertThat(browser.get(htmx.group(1).replaceAll("/static/[0-9a-f]{16}/", "/static/0000000000000000/"))
          .statusCode()).as("another hash names other bytes").isEqualTo(404);
    }
  }

  @Test
  void withTokensRequiredEveryPageNeedsASignInAndTheTokenNeverAppears() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true).fill()) {
      String token = ws.token("alice", Role.ADMIN);
      Browser browser = new Browser(ws.url());

      HttpResponse<String> overview = browser.get("/");
      assertThat(overview.statusCode()).isEqualTo(303);
      assertThat(overview.headers().firstValue("location")).hasValue("/signin");
      assertThat(browser.get("/jobs/train-1").statusCode()).isEqualTo(303);

      HttpResponse<String> form = browser.get("/signin");
      assertThat(form.statusCode()).isEqualTo(200);
      assertThat(form.body()).contains("name=\"token\"").contains("type=\"password\"");
      String preSession = browser.cookie();
      assertThat(form.headers().allValues("set-cookie")).singleElement().asString()
          .containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/");

      HttpResponse<String> wrong = browser.post("/signin", Map.of("csrf", csrf(form.body()), "token", "not-a-token"));
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).contains("not valid for this workspace");
      assertThat(browser.post("/signin", Map.of("token", token)).statusCode()).as("no CSRF token").isEqualTo(403);

      HttpResponse<String> signedIn = browser.post("/signin", Map.of("csrf", csrf(wrong.body()), "token", token));
      assertThat(signedIn.statusCode()).isEqualTo(303);
      assertThat(signedIn.headers().firstValue("location")).hasValue("/");
      assertThat(browser.cookie()).as("a new session id at sign-in").isNotEqualTo(preSession);

      HttpResponse<String> page = browser.get("/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("diabetes-prod", "alice (admin)", "Sign out");
      browser.get("/jobs");
      browser.get("/jobs/train-2");

      HttpResponse<String> api = browser.get("/api/2.0/mlflow/experiments/get?experiment_id=0");
      assertThat(api.statusCode()).as("the session cookie is not an API token").isEqualTo(401);

      assertThat(browser.post("/signout", Map.of()).statusCode()).as("sign-out without CSRF").isEqualTo(403);
      assertThat(browser.post("/signout", Map.of("csrf", csrf(page.body()))).statusCode()).isEqualTo(303);
      assertThat(browser.get("/").statusCode()).as("signed out").isEqualTo(303);

      assertThat(browser.everything()).as("the token in no page and no header").doesNotContain(token);
    }
  }

  @Test
  void aDeletedTokenEndsItsSessions() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true).fill()) {
      String token = ws.token("bob", Role.READER);
      Browser browser = new Browser(ws.url());
      browser.signIn(token);
      assertThat(browser.get("/").statusCode()).isEqualTo(200);

      ws.metadata.tokens().listTokens().forEach(t -> ws.metadata.tokens().deleteToken(t.id()));
      HttpResponse<String> after = browser.get("/");
      assertThat(after.statusCode()).isEqualTo(303);
      assertThat(after.headers().firstValue("location")).hasValue("/signin");
    }
  }

  @Test
  void aReaderMayLookButNotCancelAJobWhileAContributorMay() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true).fill()) {
      Browser reader = new Browser(ws.url());
      reader.signIn(ws.token("reader", Role.READER));
      String page = reader.get("/jobs/train-2").body();
      assertThat(page).contains("Running").doesNotContain("Cancel job");
      HttpResponse<String> refused = reader.post("/jobs/train-2/cancel", Map.of("csrf", csrf(page)));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("jobs.write");
      assertThat(ws.workspace.jobs().get("train-2").status()).isEqualTo(JobStatus.Running);

      Browser contributor = new Browser(ws.url());
      contributor.signIn(ws.token("carol", Role.CONTRIBUTOR));
      String own = contributor.get("/jobs/train-2").body();
      assertThat(own).contains("Cancel job");
      assertThat(contributor.post("/jobs/train-2/cancel", Map.of()).statusCode()).as("no CSRF token").isEqualTo(403);
      assertThat(contributor.post("/jobs/train-2/cancel", Map.of("csrf", csrf(page))).statusCode())
          .as("another session's CSRF token").isEqualTo(403);
      assertThat(ws.workspace.jobs().get("train-2").status()).isEqualTo(JobStatus.Running);

      HttpResponse<String> canceled = contributor.post("/jobs/train-2/cancel", Map.of("csrf", csrf(own)));
      assertThat(canceled.statusCode()).isEqualTo(303);
      assertThat(canceled.headers().firstValue("location")).hasValue("/jobs/train-2");
      assertThat(ws.workspace.jobs().get("train-2").status()).isIn(JobStatus.Canceled);
    }
  }

  @Test
  void theRunsTableSearchesWithMlflowFiltersAndShowsMetricAndParamColumns() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      Browser browser = new Browser(ws.url());
      String all = browser.get("/runs").body();
      assertThat(all).contains("<th scope=\"col\" class=\"num\">auc</th>", "<th scope=\"col\">reg_rate</th>")
          .containsSubsequence("run-3", "0.73", "run-2", "0.72", "run-1", "0.71", "&lt;b&gt;0.1&lt;/b&gt;")
          .doesNotContain("<b>0.1</b>");

      String filtered = browser.get("/runs?filter=" + URLEncoder.encode("metrics.auc > 0.715", StandardCharsets.UTF_8))
          .body();
      assertThat(filtered).contains("run-3", "run-2").doesNotContain("run-1")
          .as("the filter kept in its field").contains("value=\"metrics.auc > 0.715\"");

      HttpResponse<String> bad = browser.get("/runs?filter=" + URLEncoder.encode("metrics.auc >>", StandardCharsets.UTF_8));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("role=\"alert\"").contains("No run matches");

      String quoted = browser.get("/runs?filter=" + URLEncoder.encode("\" onmouseover=\"alert(1)", StandardCharsets.UTF_8))
          .body();
      assertThat(quoted).as("a quote in the filter cannot end the field's value")
          .contains("value=\"&#34; onmouseover=&#34;alert(1)\"").doesNotContain("value=\"\" onmouseover");
    }
  }

  @Test
  void theRunsTablePagesFiftyRunsAtATime() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).runs("many", 120)) {
      Browser browser = new Browser(ws.url());
      List<String> seen = new ArrayList<>();
      String href = "/runs";
      int pages = 0;
      while (href != null) {
        String page = browser.get(href).body();
        Matcher runs = Pattern.compile("<td title=\"([0-9a-f]+)\"><a href=\"/runs/\\1\">(run-\\d+)</a></td>").matcher(page);
        while (runs.find()) {
          seen.add(runs.group(2));
        }
        Matcher next = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">").matcher(page);
        href = next.find() ? next.group(1).replace("&amp;", "&") : null;
        pages++;
      }
      assertThat(pages).isEqualTo(3);
      assertThat(seen).hasSize(120).doesNotHaveDuplicates().startsWith("run-120", "run-119").endsWith("run-1");
    }
  }

  @Test
  void theDataPagesShowAssetsTheirVersionsAndTheFilesWithTheirHashes() throws IOException {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false)) {
      Path source = Files.createDirectories(dir.resolve("src"));
      Files.writeString(source.resolve("rows.csv"), "age,bmi\n50,31.2\n");
      ws.workspace.data().create("diabetes-dev", source, "first <em>cut</em>", Map.of());
      Files.writeString(source.resolve("more.csv"), "age,bmi\n61,27.0\n");
      ws.workspace.data().create("diabetes-dev", source, "second", Map.of());
      var v1 = ws.workspace.data().get(new AssetRef("diabetes-dev", 1));
      String rowsHash = ContentHash.ofFile(source.resolve("rows.csv"));

      Browser browser = new Browser(ws.url());
      assertThat(browser.get("/data").body()).contains("href=\"/data/diabetes-dev\"", "<td>2</td>");
      String latest = browser.get("/data/diabetes-dev").body();
      assertThat(latest).contains("Files of version 2", "more.csv", "rows.csv", rowsHash, v1.sha256(),
          "first &lt;em&gt;cut&lt;/em&gt;");
      String first = browser.get("/data/diabetes-dev?version=1").body();
      assertThat(first.substring(first.indexOf("Files of version 1"))).contains("rows.csv").doesNotContain("more.csv");
      assertThat(browser.get("/data/diabetes-dev?version=x").statusCode()).isEqualTo(400);
      assertThat(browser.get("/data/no-such-asset").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aModelsPageShowsItsVersionsAndTheTrailOfItsAliases() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      ws.metadata.registry().setModelAlias("diabetes", "production", 2, "token:dana", "<b>promoted</b> after the gate");
      Browser browser = new Browser(ws.url());
      String list = browser.get("/models").body();
      assertThat(list).contains("href=\"/models/diabetes\"", "production: 2", "staging: 2");

      String page = browser.get("/models/diabetes").body();
      assertThat(page).contains("<h1>diabetes</h1>", "READY", "0.8123", "0.8345");
      String trail = page.substring(page.indexOf("Alias history"));
      assertThat(trail).containsSubsequence("moved from version 1 to 2", "token:dana",
          "&lt;b&gt;promoted&lt;/b&gt; after the gate", "set to version 2", "candidate", "set to version 1",
          "first release").doesNotContain("<b>promoted</b>");
      assertThat(browser.get("/models/no-such-model").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aMonitorsPageShowsItsRunsVerdictsAndAlerts() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      Browser browser = new Browser(ws.url());
      assertThat(browser.get("/monitors").body()).contains("href=\"/monitors/diabetes-drift\"", "ALERT");
      String page = browser.get("/monitors/diabetes-drift").body();
      assertThat(page).contains("<h1>diabetes-drift</h1>", "href=\"/endpoints/diabetes-prod\"", "diabetes-baseline",
          "PT1H", "drift on bmi (psi 0.31 &gt; 0.2)", "&lt;i&gt;bmi&lt;/i&gt; drifted past its threshold", "pending");
      assertThat(page.substring(page.indexOf("<h2>Runs</h2>"))).as("rows in the window").contains("<td>120</td>");
      assertThat(browser.get("/monitors/no-such-monitor").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void endpointKeysStayHiddenUntilADeployerRevealsThemAndAReaderCannot() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true).fill()) {
      String primary = ws.workspace.endpoints().getKeys("diabetes-prod").primary();

      Browser reader = new Browser(ws.url());
      reader.signIn(ws.token("reader", Role.READER));
      assertThat(reader.get("/endpoints").body()).contains("href=\"/endpoints/diabetes-prod\"", "blue", "90%");
      String page = reader.get("/endpoints/diabetes-prod").body();
      assertThat(page).contains("<h1>diabetes-prod</h1>", "diabetes:1", "diabetes@production", "90%", "10%",
          "The keys are hidden").doesNotContain("Reveal the keys");
      HttpResponse<String> refused = reader.post("/endpoints/diabetes-prod/keys", Map.of("csrf", csrf(page)));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("endpoints.keys.read");
      assertThat(reader.everything()).doesNotContain(primary);

      Browser deployer = new Browser(ws.url());
      deployer.signIn(ws.token("dana", Role.DEPLOYER));
      String hidden = deployer.get("/endpoints/diabetes-prod").body();
      assertThat(hidden).contains("Reveal the keys").doesNotContain(primary);
      assertThat(deployer.post("/endpoints/diabetes-prod/keys", Map.of()).statusCode()).as("no CSRF token")
          .isEqualTo(403);
      HttpResponse<String> revealed = deployer.post("/endpoints/diabetes-prod/keys", Map.of("csrf", csrf(hidden)));
      assertThat(revealed.statusCode()).isEqualTo(200);
      assertThat(revealed.body()).contains(primary);
      assertThat(revealed.headers().firstValue("cache-control")).hasValue("no-store");
      assertThat(deployer.get("/endpoints/diabetes-prod").body()).as("hidden again on the next visit")
          .doesNotContain(primary);
      assertThat(deployer.get("/endpoints/no-such-endpoint").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void onATokenLessServerPagesAreOpenButFormsStillNeedTheirCsrfToken() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      Browser browser = new Browser(ws.url());
      HttpResponse<String> page = browser.get("/jobs/train-2");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Cancel job").doesNotContain("Sign out");
      assertThat(browser.post("/jobs/train-2/cancel", Map.of("csrf", "forged")).statusCode()).isEqualTo(403);
      assertThat(ws.workspace.jobs().get("train-2").status()).isEqualTo(JobStatus.Running);
      assertThat(browser.get("/signin").statusCode()).as("nothing to sign in to").isEqualTo(303);
    }
  }

  @Test
  void theApisBesideTheStudioAreUnchanged() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true)) {
      String token = ws.token("ci", Role.READER);
      Browser anonymous = new Browser(ws.url());
      assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
      HttpResponse<String> refused = anonymous.get("/api/2.0/mlflow/experiments/get?experiment_id=0");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.body()).contains("UNAUTHENTICATED");
      assertThat(refused.headers().firstValue("content-security-policy")).as("API answers are not studio pages")
          .isEmpty();
      HttpResponse<String> allowed = anonymous.get("/api/2.0/mlflow/experiments/get?experiment_id=0",
          Map.of("Authorization", "Bearer " + token));
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.headers().firstValue("content-type")).hasValue("application/json");
    }
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("a CSRF field in the page").isTrue();
    return m.group(1);
  }

  /** The part of the overview under the heading with this id, up to the next section. */
  private static String section(String html, String headingId) {
    int start = html.indexOf("id=\"" + headingId + "\"");
    assertThat(start).as("section " + headingId).isNotNegative();
    int end = html.indexOf("</section>", start);
    return html.substring(start, end);
  }

  /** A client keeping the studio's cookie as a browser does, recording every answer. */
  static final class Browser {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final List<String> seen = new ArrayList<>();
    private String cookie;

    Browser(String base) {
      this.base = base;
    }

    String cookie() {
      return cookie;
    }

    HttpResponse<String> get(String path) {
      return get(path, Map.of());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
      headers.forEach(request::header);
      return send(request);
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
      String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
      return send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    void signIn(String token) {
      String form = get("/signin").body();
      HttpResponse<String> reply = post("/signin", Map.of("csrf", csrf(form), "token", token));
      assertThat(reply.statusCode()).as("signed in").isEqualTo(303);
    }

    /** Every header and body this client received. */
    String everything() {
      return String.join("\n", seen);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      if (cookie != null) {
        request.header("Cookie", Studio.COOKIE + "=" + cookie);
      }
      try {
        HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        seen.add(reply.headers().map().toString());
        seen.add(reply.body());
        for (String set : reply.headers().allValues("set-cookie")) {
          String pair = set.split(";", 2)[0];
          if (pair.startsWith(Studio.COOKIE + "=")) {
            String value = pair.substring(Studio.COOKIE.length() + 1);
            cookie = value.isEmpty() ? null : value;
          }
        }
        return reply;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
