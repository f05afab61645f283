package org.mloop.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.auth.Role;
import org.mloop.core.tracking.RunSearch;
import org.mloop.core.tracking.ViewType;
import org.mloop.studio.StudioPagesSpecTest.Browser;

/**
 * The run page and the comparison of runs over HTTP, on the real server and workspace of
 * {@link StudioWorkspace}: what a run shows, its files served safely, and runs compared side by side.
 */
class StudioRunPagesSpecTest {
  @TempDir Path dir;

  @Test
  void aRunsPageShowsItsParamsMetricsStepChartJobCodeAndArtifacts() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      String id = ws.trainedRun("trained <em>1</em>", 0.1);
      Browser browser = new Browser(ws.url());

      assertThat(browser.get("/runs").body()).as("the runs table links each run to its page")
          .contains("href=\"/runs/" + id + "\"", "name=\"ids\" value=\"" + id + "\"", "action=\"/runs/compare\"");

      HttpResponse<String> page = browser.get("/runs/" + id);
      assertThat(page.statusCode()).isEqualTo(200);
      String html = page.body();
      assertThat(html).contains("<h1>trained &lt;em&gt;1&lt;/em&gt;</h1>", id)
          .contains("<td>reg_rate</td><td>0.1</td>", "<td>solver</td><td>liblinear</td>")
          .as("loss: its latest value, at step 4, of 5 values").contains("<td>loss</td><td class=\"num\">0.3</td>"
              + "<td class=\"num\">4</td><td class=\"num\">5</td>")
          .contains("href=\"/jobs/train-1\"", StudioWorkspace.CODE_SHA, StudioWorkspace.COMMIT, "on main")
          .contains("<img src=\"/runs/" + id + "/artifact?path=ROC-Curve.png\"")
          .contains("href=\"/runs/" + id + "/artifact?path=report.html\" download")
          .doesNotContain(StudioWorkspace.SECRET).doesNotContain(StudioWorkspace.SECRET_TAG)
          .doesNotContain("<em>1</em>");
      assertThat(html).as("the step chart of loss (several steps), none for auc (one value)")
          .contains("data-chart=\"{&#34;metric&#34;:&#34;loss&#34;").doesNotContain("metric&#34;:&#34;auc");
      assertThat(html).as("no inline script: data in an attribute, scripts by src")
          .doesNotContainPattern("<script(?![^>]*\\bsrc=)").contains("/echarts.min.js\"", "/charts.js\"");

      assertThat(browser.get("/runs/0000000000000000").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aRunsImageIsServedAsAnImageAndOtherFilesOnlyAsDownloads() throws Exception {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      String id = ws.trainedRun("trained", 0.1);
      HttpClient http = HttpClient.newHttpClient();

      HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(URI.create(ws.url() + "/runs/" + id
          + "/artifact?path=ROC-Curve.png")).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(image.statusCode()).isEqualTo(200);
      assertThat(image.headers().firstValue("content-type")).hasValue("image/png");
      assertThat(image.headers().firstValue("x-content-type-options")).hasValue("nosniff");
      assertThat(image.headers().firstValue("content-disposition")).isEmpty();
      assertThat(image.body()).isEqualTo(StudioWorkspace.png());

      HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(ws.url() + "/runs/" + id
          + "/artifact?path=report.html")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(report.statusCode()).isEqualTo(200);
      assertThat(report.headers().firstValue("content-type")).as("never text/html")
          .hasValue("application/octet-stream");
      assertThat(report.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"report.html\"");
      assertThat(report.headers().firstValue("x-content-type-options")).hasValue("nosniff");

      Browser browser = new Browser(ws.url());
      assertThat(browser.get("/runs/" + id + "/artifact?path=..%2Fother%2Ffile").statusCode())
          .as("a path leaving the run's files").isEqualTo(400);
      assertThat(browser.get("/runs/" + id + "/artifact?path=missing.png").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void onAServerThatRequiresTokensARunsPagesAndFilesNeedASignIn() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, true).fill()) {
      String id = ws.trainedRun("trained", 0.1);
      String other = ws.trainedRun("other", 0.2);
      Browser stranger = new Browser(ws.url());
      for (String path : List.of("/runs/" + id, "/runs/" + id + "/artifact?path=ROC-Curve.png",
          "/runs/compare?ids=" + id + "," + other)) {
        HttpResponse<String> refused = stranger.get(path);
        assertThat(refused.statusCode()).as(path).isEqualTo(303);
        assertThat(refused.headers().firstValue("location")).as(path).hasValue("/signin");
      }
      assertThat(stranger.everything()).doesNotContain("liblinear").doesNotContain("PNG");

      Browser reader = new Browser(ws.url());
      reader.signIn(ws.token("reader", Role.READER));
      assertThat(reader.get("/runs/" + id).body()).contains("liblinear").doesNotContain(StudioWorkspace.SECRET);
      HttpResponse<String> image = reader.get("/runs/" + id + "/artifact?path=ROC-Curve.png");
      assertThat(image.statusCode()).isEqualTo(200);
      assertThat(image.headers().firstValue("content-type")).hasValue("image/png");
      assertThat(reader.get("/runs/compare?ids=" + id + "," + other).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void comparingTwoRunsShowsTheirParamDiffMetricsAndOverlaidStepCharts() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).fill()) {
      String a = ws.trainedRun("run-a", 0.1);
      String b = ws.trainedRun("run-b", 0.5);
      Browser browser = new Browser(ws.url());

      HttpResponse<String> page = browser.get("/runs/compare?ids=" + a + "," + b);
      assertThat(page.statusCode()).isEqualTo(200);
      String html = page.body();
      assertThat(html).contains("<h1>Compare 2 runs</h1>", "href=\"/runs/" + a + "\"", "href=\"/runs/" + b + "\"")
          .as("reg_rate differs, solver does not")
          .contains("<tr class=\"differs\"><td>reg_rate <span class=\"badge\">differs</span></td><td>0.1</td><td>0.5</td>")
          .contains("<tr><td>solver</td><td>liblinear</td><td>liblinear</td>")
          .contains("<td>auc</td><td class=\"num\">0.81</td><td class=\"num\">0.85</td>");
      assertThat(html).as("loss overlaid: one line per run")
          .contains("&#34;metric&#34;:&#34;loss&#34;", "&#34;name&#34;:&#34;run-a&#34;", "&#34;name&#34;:&#34;run-b&#34;");

      assertThat(browser.get("/runs/compare?ids=" + a + "&ids=" + b).body()).as("as the runs table's form sends them")
          .contains("<h1>Compare 2 runs</h1>");
      assertThat(browser.get("/runs/compare?ids=" + a + ",0000000000000000").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void comparingFewerThanTwoOrMoreThanTenRunsIsRefusedNamingTheLimit() {
    try (StudioWorkspace ws = new StudioWorkspace(dir, false).runs("many", 11)) {
      Browser browser = new Browser(ws.url());
      String ids = ws.workspace.tracking().searchRuns(new RunSearch(
          List.of(ws.workspace.tracking().getExperimentByName("many").orElseThrow().experimentId()), null,
          ViewType.ACTIVE_ONLY, 100, List.of(), null)).items().stream()
          .map(r -> r.info().runId()).collect(Collectors.joining(","));
      assertThat(ids.split(",")).hasSize(11);

      HttpResponse<String> eleven = browser.get("/runs/compare?ids=" + ids);
      assertThat(eleven.statusCode()).isEqualTo(400);
      assertThat(eleven.body()).contains("compare 2 to 10 runs, got 11");
      HttpResponse<String> one = browser.get("/runs/compare?ids=" + ids.split(",")[0]);
      assertThat(one.statusCode()).isEqualTo(400);
      assertThat(one.body()).contains("compare 2 to 10 runs, got 1");
      assertThat(browser.get("/runs/compare").statusCode()).isEqualTo(400);
      String ten = IntStream.range(0, 10).mapToObj(i -> ids.split(",")[i]).collect(Collectors.joining(","));
      assertThat(browser.get("/runs/compare?ids=" + ten).statusCode()).isEqualTo(200);
    }
  }
}
