package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.files.FileTrees;
import org.mloop.core.jobs.CodeSnapshot;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobCode;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.json.ApiJson;
import org.mloop.jobs.CodeSnapshotter;
import org.mloop.jobs.CodeSnapshotter.Snapshot;

/**
 * A job's code goes to a server once: the client asks whether the server stores the snapshot (by its
 * sha256) and sends the files only when it does not, so the second submission of unchanged code
 * uploads nothing, while changed code uploads again. A snapshot named without files must be one the
 * server stores completely.
 */
class JobCodeReuseTest {
  private static final String TOKEN = "cli-token";

  @TempDir Path dir;
  TestWorkspace ws;
  RemoteWorkspace remote;
  Path code;
  JobSpec spec;

  @BeforeEach
  void start() throws IOException {
    ws = TestWorkspace.executing(dir.resolve("ws"),
        ServerOptions.ephemeral().withRequireTokens(true).withUploadDirectory(dir.resolve("uploads")));
    ws.metadata.tokens().createToken("cli", ContentHash.ofString(TOKEN));
    remote = new RemoteWorkspace(ws.url(), TOKEN);
    code = Files.createDirectories(dir.resolve("code"));
    Files.writeString(code.resolve("run.sh"), "wc -c < lib/model.jar; cat note.txt\n");
    Files.writeString(code.resolve("note.txt"), "first note\n");
    byte[] jar = new byte[1 << 20];
    new Random(13).nextBytes(jar);
    Files.write(Files.createDirectories(code.resolve("lib")).resolve("model.jar"), jar);
    spec = JobSpec.builder().experimentName("code-reuse").code(".").command("bash run.sh").build();
  }

  @AfterEach
  void stop() {
    ws.close();
  }

  @Test
  void theSameCodeSubmittedTwiceGoesUpOnceAndBothJobsRunIt() throws IOException {
    Snapshot first = CodeSnapshotter.snapshot(code);
    assertThat(remote.jobs().storedCode(first.sha256())).as("nothing stored before the first job").isEmpty();

    Job one = awaitEnd(remote.jobs().create(first.submission(spec, "one")));

    CodeSnapshot stored = remote.jobs().storedCode(first.sha256()).orElseThrow();
    assertThat(stored.fileCount()).isEqualTo(3);
    assertThat(stored.sizeBytes()).isEqualTo(first.sizeBytes());

    Snapshot second = CodeSnapshotter.snapshot(code);
    FileTrees.deleteTree(code);
    // Had the client tried to upload, it would fail: the files are gone. Only the snapshot's identity goes.
    Job two = awaitEnd(remote.jobs().create(second.submission(spec, "two")));

    assertThat(List.of(one, two)).allSatisfy(job -> {
      assertThat(job.status()).as(job.name() + ": " + job.error()).isEqualTo(JobStatus.Completed);
      assertThat(job.code().sha256()).isEqualTo(first.sha256());
      assertThat(job.code().fileCount()).isEqualTo(3);
      assertThat(job.code().sizeBytes()).isEqualTo(first.sizeBytes());
      assertThat(log(job)).as("the command sees the stored files").isEqualTo((1 << 20) + "\nfirst note\n");
    });
  }

  @Test
  void changedCodeGoesUpAgainAndTheJobRunsTheChange() throws IOException {
    Snapshot first = CodeSnapshotter.snapshot(code);
    awaitEnd(remote.jobs().create(first.submission(spec, "before")));
    Files.writeString(code.resolve("note.txt"), "second note\n");

    Snapshot changed = CodeSnapshotter.snapshot(code);
    assertThat(changed.sha256()).isNotEqualTo(first.sha256());
    assertThat(remote.jobs().storedCode(changed.sha256())).isEmpty();
    Job after = awaitEnd(remote.jobs().create(changed.submission(spec, "after")));

    assertThat(after.status()).as(after.error()).isEqualTo(JobStatus.Completed);
    assertThat(after.code().sha256()).isEqualTo(changed.sha256());
    assertThat(remote.jobs().storedCode(changed.sha256())).as("uploaded and stored").isPresent();
    assertThat(log(after)).endsWith("second note\n");
  }

  @Test
  void aSnapshotStoredOnlyInPartIsNotReusedButCompletedByTheNextUpload() {
    Snapshot snapshot = CodeSnapshotter.snapshot(code);
    awaitEnd(remote.jobs().create(snapshot.submission(spec, "one")));
    ws.artifacts.delete("code/" + snapshot.sha256() + "/note.txt"); // as if a copy had stopped half-way

    assertThat(remote.jobs().storedCode(snapshot.sha256())).isEmpty();
    Job again = awaitEnd(remote.jobs().create(snapshot.submission(spec, "again")));

    assertThat(again.status()).as(again.error()).isEqualTo(JobStatus.Completed);
    assertThat(log(again)).endsWith("first note\n");
    assertThat(remote.jobs().storedCode(snapshot.sha256())).isPresent();
  }

  @Test
  void namingASnapshotTheServerLacksIsNotFoundAndRecordsNothing() {
    String unknown = ContentHash.ofString("no such code");

    assertThatThrownBy(() -> remote.jobs().create(
        new JobSubmission(spec, "ghost", JobCode.stored(unknown, List.of("run.sh"), null))))
        .isInstanceOfSatisfying(MloopException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
        .hasMessageContaining("code snapshot " + unknown + " not found");
    HttpCalls.Reply lookup = ws.http(TOKEN).get("/api/v1/code-snapshots/" + unknown);
    assertThat(lookup.status()).isEqualTo(404);
    assertThat(lookup.json().path("message").asText()).contains("code snapshot " + unknown);
    assertThat(remote.jobs().list(JobQuery.all())).as("no job recorded").isEmpty();
  }

  @Test
  void aMalformedSha256IsRefusedNamingTheField() {
    HttpCalls.Reply post = ws.http(TOKEN).post("/api/v1/jobs", body("not-a-sha", List.of("run.sh")).toString());

    assertThat(post.status()).isEqualTo(400);
    assertThat(post.json().path("message").asText()).contains("code_sha256", "'not-a-sha'", "64 lowercase hex digits");
    assertThat(ws.http(TOKEN).get("/api/v1/code-snapshots/ABC").status()).isEqualTo(400);
  }

  @Test
  void aStoredSnapshotNamedWithOtherFilesIsRefused() {
    Snapshot snapshot = CodeSnapshotter.snapshot(code);
    awaitEnd(remote.jobs().create(snapshot.submission(spec, "one")));

    HttpCalls.Reply post = ws.http(TOKEN).post("/api/v1/jobs", body(snapshot.sha256(), List.of("run.sh")).toString());

    assertThat(post.status()).isEqualTo(400);
    assertThat(post.json().path("message").asText())
        .contains("code snapshot " + snapshot.sha256() + " holds 3 files, not the 1 listed");
  }

  @Test
  void askingForAStoredSnapshotNeedsAToken() {
    Snapshot snapshot = CodeSnapshotter.snapshot(code);
    awaitEnd(remote.jobs().create(snapshot.submission(spec, "one")));

    assertThat(ws.http().get("/api/v1/code-snapshots/" + snapshot.sha256()).status()).isEqualTo(401);
    HttpCalls.Reply found = ws.http(TOKEN).get("/api/v1/code-snapshots/" + snapshot.sha256());
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().path("file_count").asInt()).isEqualTo(3);
  }

  private ObjectNode body(String sha256, List<String> files) {
    ObjectNode body = ApiJson.mapper().createObjectNode();
    body.set("spec", ApiJson.tree(spec));
    body.put("name", "raw");
    body.put("code_sha256", sha256);
    files.forEach(body.putArray("code_files")::add);
    return body;
  }

  private Job awaitEnd(Job job) {
    Job current = job;
    for (int i = 0; i < 600 && !current.status().terminal(); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      current = remote.jobs().get(job.name());
    }
    assertThat(current.status().terminal()).as(job.name() + " ended").isTrue();
    return current;
  }

  private String log(Job job) {
    return remote.jobs().readLog(job.name(), 0, 64 * 1024).text();
  }
}
