package org.mloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.JobCode;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.server.ServerOptions;

/**
 * The one start-up of a workspace server: the directory's workspace served over HTTP, its jobs run
 * inside the server's process and logging to that server, tokens asked as the options say.
 */
class WorkspaceServerTest {
  @TempDir Path dir;

  @Test
  void optionsDefaultToLoopbackOnAFreePortWithTwoJobsAtOnceAndNoTokenOnLoopback() {
    WorkspaceServer.Options options = WorkspaceServer.Options.builder(dir.resolve("ws")).build();

    assertThat(options.workspace()).isAbsolute().isEqualTo(dir.resolve("ws").toAbsolutePath().normalize());
    assertThat(options.host()).isEqualTo(ServerOptions.DEFAULT_HOST);
    assertThat(options.port()).isZero();
    assertThat(options.requireTokens()).isFalse();
    assertThat(options.maxConcurrentJobs()).isEqualTo(WorkspaceServer.Options.DEFAULT_MAX_CONCURRENT_JOBS);
    assertThat(options.protectedAliases()).as("the server's default protected aliases").isNull();
    assertThatThrownBy(() -> WorkspaceServer.Options.builder(dir).maxConcurrentJobs(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }

  @Test
  void theServerServesTheStudioAtTheRootBesideItsApis() throws IOException, InterruptedException {
    try (WorkspaceServer server = WorkspaceServer.Options.builder(dir.resolve("ws")).start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<title>Overview · mloop studio</title>");
      assertThat(page.headers().firstValue("content-security-policy")).isPresent();
      HttpResponse<String> endpoints = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/endpoints")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(endpoints.body()).as("beside the scoring routes under /endpoints/NAME/").contains("<h1>Endpoints</h1>");
      HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(server.url()
          + "/api/2.0/mlflow/experiments/get?experiment_id=0")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(api.statusCode()).isEqualTo(200);
      assertThat(api.body()).contains("\"experiment_id\":\"0\"");
    }
  }

  @Test
  void aJobSubmittedToTheServerRunsInItsProcessAndLogsToThatServer() throws IOException, InterruptedException {
    Path code = Files.createDirectories(dir.resolve("code"));
    Files.writeString(code.resolve("run.sh"), "echo \"tracking at $MLOOP_TRACKING_URI\"\n");
    JobSpec spec = new JobSpec(null, "hello", "app-jobs", null, ".", "bash run.sh", Map.of(), Map.of(), null, "local",
        Map.of());
    List<String> runnerSaw = new CopyOnWriteArrayList<>();

    try (WorkspaceServer server = WorkspaceServer.Options.builder(dir.resolve("ws")).requireTokens(true)
        .jobRunner(runner -> recording(runner, runnerSaw)).start()) {
      assertThat(server.url()).startsWith("http://127.0.0.1:");
      assertThat(server.requiresToken()).isTrue();
      assertThatThrownBy(() -> new RemoteWorkspace(server.url(), null).jobs().get("none"))
          .isInstanceOfSatisfying(MloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
      server.tokens().createToken("cli", ContentHash.ofString("cli-token"));
      RemoteWorkspace remote = new RemoteWorkspace(server.url(), "cli-token");

      Job job = remote.jobs().create(new JobSubmission(spec, "hello-job", JobCode.folder(code, List.of("run.sh"), null)));
      for (int i = 0; i < 600 && !job.status().terminal(); i++) {
        Thread.sleep(100);
        job = remote.jobs().get("hello-job");
      }
      String log = remote.jobs().readLog("hello-job", 0, 64 * 1024).text();
      assertThat(job.status()).as("log:\n" + log + "\nerror: " + job.error()).isEqualTo(JobStatus.Completed);
      assertThat(log).as("the job logs to the server that ran it").contains("tracking at " + server.url());
      assertThat(runnerSaw).as("the workspace handed the job to the wrapped runner").containsExactly("hello-job");
    }

    try (LocalWorkspace reopened = LocalWorkspaces.open(dir.resolve("ws"), null)) {
      assertThat(reopened.jobs().get("hello-job").status()).as("kept in the directory the server served")
          .isEqualTo(JobStatus.Completed);
    }
    assertThat(dir.resolve("ws").resolve(WorkspaceConfig.FILE)).exists();
    assertThat(Set.of(dir.resolve("ws").toFile().list())).as("uploads staged inside the workspace").contains("uploads");
  }

  private static JobRunner recording(JobRunner runner, List<String> started) {
    return new JobRunner() {
      @Override
      public void start(Job job) {
        started.add(job.name());
        runner.start(job);
      }

      @Override
      public void cancel(String jobName) {
        runner.cancel(jobName);
      }
    };
  }
}
