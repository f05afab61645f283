package org.mloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobCode;
import org.mloop.core.jobs.JobPaths;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.jobs.CodeSnapshotter.Snapshot;

/**
 * A local workspace stores a job's code once per content ({@code code/<sha256>/}); a submission may
 * name a stored snapshot by its sha256 alone, and a snapshot whose files no longer hash to the sha256
 * it claims is refused before anything is recorded.
 */
class StoredCodeTest {
  @TempDir Path dir;
  JobTestbed bed;
  InProcessJobRunner runner;
  LocalWorkspace workspace;
  Path code;
  JobSpec spec = JobTestbed.spec("cat note.txt");

  @BeforeEach
  void open() throws IOException {
    bed = new JobTestbed(dir.resolve("ws"));
    runner = new InProcessJobRunner(bed.store, bed.executor, 1);
    workspace = new LocalWorkspace(dir.toString(), bed.store, bed.artifacts, runner,
        new JobLogReader(bed.store.jobs(), bed.artifacts, bed.scratch));
    code = Files.createDirectories(dir.resolve("code"));
    Files.writeString(code.resolve("note.txt"), "stored once\n");
  }

  @AfterEach
  void close() {
    runner.close();
    bed.close();
  }

  @Test
  void aJobNamingAStoredSnapshotRunsItsFilesWithTheSameCodeRecord() {
    Snapshot snapshot = CodeSnapshotter.snapshot(code);
    assertThat(workspace.jobs().storedCode(snapshot.sha256())).isEmpty();
    workspace.jobs().create(snapshot.submission(spec, "with-files"));
    Job withFiles = bed.awaitJob("with-files", j -> j.status().terminal(), "terminal");

    workspace.jobs().create(new JobSubmission(spec, "by-hash",
        JobCode.stored(snapshot.sha256(), snapshot.paths(), snapshot.git())));
    Job byHash = bed.awaitJob("by-hash", j -> j.status().terminal(), "terminal");

    assertThat(byHash.status()).as(byHash.error()).isEqualTo(JobStatus.Completed);
    assertThat(byHash.code()).isEqualTo(withFiles.code());
    assertThat(bed.artifactText(JobPaths.log("by-hash"))).isEqualTo("stored once\n");
    assertThat(workspace.jobs().storedCode(snapshot.sha256()).orElseThrow().fileCount()).isEqualTo(1);
  }

  @Test
  void filesThatNoLongerHashToTheSnapshotAreRefusedBeforeAnythingIsRecorded() throws IOException {
    Snapshot snapshot = CodeSnapshotter.snapshot(code);
    Files.writeString(code.resolve("note.txt"), "changed after the snapshot\n");

    assertThatThrownBy(() -> workspace.jobs().create(snapshot.submission(spec, "stale")))
        .isInstanceOfSatisfying(MloopException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining("not to the code sha256 given, " + snapshot.sha256());
    assertThat(bed.store.jobs().getJob("stale")).as("no job recorded").isEmpty();
    assertThat(bed.artifacts.exists("code")).as("no code stored").isFalse();
  }

  @Test
  void aSnapshotTheWorkspaceLacksCannotBeNamedWithoutItsFiles() {
    Snapshot snapshot = CodeSnapshotter.snapshot(code);

    assertThatThrownBy(() -> workspace.jobs().create(new JobSubmission(spec, "ghost",
        JobCode.stored(snapshot.sha256(), snapshot.paths(), null))))
        .isInstanceOfSatisfying(MloopException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
        .hasMessageStartingWith("code snapshot " + snapshot.sha256() + " not found");
    assertThat(bed.store.jobs().getJob("ghost")).isEmpty();
  }
}
