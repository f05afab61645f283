package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.files.FolderFiles.Symlinks;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobEnvironment;
import org.mloop.core.jobs.JobInput;
import org.mloop.core.jobs.JobOutput;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.JobCode;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.jobs.LogChunk;
import org.mloop.core.tracking.Run;
import org.mloop.core.workspace.Workspace;

/**
 * RemoteWorkspace through a live server does what the embedded LocalWorkspace does: the same
 * scenario (data assets from a folder and a file, a job with code and a data input, its log, its
 * cancelation, run artifacts) must give the same transcript, errors included.
 */
class RemoteWorkspaceTest {
  @TempDir Path dir;

  @Test
  void remoteWorkspaceMatchesTheEmbeddedWorkspace() throws IOException {
    Path sources = writeSources(dir.resolve("sources"));
    List<String> local;
    try (TestWorkspace ws = TestWorkspace.local(dir.resolve("local"))) {
      local = scenario(ws.workspace, sources, (path, text) -> write(ws, path, text));
    }
    List<String> remote;
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("remote"))) {
      remote = scenario(new RemoteWorkspace(ws.url(), null), sources, (path, text) -> write(ws, path, text));
      assertThat(ws.runner.started).as("the server's workspace started the job").containsExactly("job-one");
      assertThat(ws.runner.canceled).as("and passed the cancelation on to its runner").contains("job-one");
      try (var uploads = Files.list(dir.resolve("remote/uploads"))) {
        assertThat(uploads.filter(p -> !p.getFileName().toString().equals(Uploads.LOCK_FILE)))
            .as("uploads are removed once used").isEmpty();
      }
    }
    assertThat(remote).containsExactlyElementsOf(local);
    assertThat(local).anyMatch(l -> l.startsWith("folder v1 mloop:diabetes-dev-folder:1 uri_folder"));
    assertThat(local).contains("links refused: INVALID_PARAMETER_VALUE: folder '<sources>/linked' holds 2 symbolic links,"
        + " which are not followed: 'nested' -> '../dev/nested', 'outside.csv' -> '../single.csv'. Nothing was stored:"
        + " replace the links with the files they point to");
    assertThat(local).anyMatch(l -> l.startsWith("links followed mloop:linked:1 uri_folder") && l.contains(" files=3 "));
    assertThat(local).anyMatch(l -> l.startsWith("job job-one Queued"));
    assertThat(local).contains("unknown compute: INVALID_PARAMETER_VALUE: compute: 'gpu-cluster' is not available: the"
        + " compute targets are local; write one of them, or leave compute out to run on local");
    assertThat(local).anyMatch(l -> l.startsWith("outputs before completion: INVALID_STATE"));
    assertThat(local).anyMatch(l -> l.startsWith("canceled Canceled"));
    assertThat(local).anyMatch(l -> l.startsWith("cancel again: INVALID_STATE"));
  }

  private static void write(TestWorkspace ws, String path, String text) {
    ws.artifacts.write(path, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static Path writeSources(Path root) throws IOException {
    Files.createDirectories(root.resolve("dev/nested"));
    Files.writeString(root.resolve("dev/part-1.csv"), "index,first,last\n1,Ada,Lovelace\n");
    Files.writeString(root.resolve("dev/nested/part-2.csv"), "index,first,last\n2,Alan,Turing\n");
    Files.writeString(root.resolve("single.csv"), "a,b\n1,2\n");
    Files.createDirectories(root.resolve("linked"));
    Files.writeString(root.resolve("linked/own.csv"), "a,b\n3,4\n");
    Files.createSymbolicLink(root.resolve("linked/outside.csv"), Path.of("../single.csv"));
    Files.createSymbolicLink(root.resolve("linked/nested"), Path.of("../dev/nested"));
    Files.createDirectories(root.resolve("code/src"));
    Files.writeString(root.resolve("code/run.sh"), "echo training\n");
    Files.writeString(root.resolve("code/src/Train.java"), "class Train {}\n");
    Files.writeString(root.resolve("code/ignored.tmp"), "not part of the job\n");
    return root;
  }

  private static List<String> scenario(Workspace ws, Path sources, BiConsumer<String, String> storeWrite) throws IOException {
    Transcript t = new Transcript();
    // ---- data assets
    DataAsset v1 = ws.data().create("diabetes-dev-folder", sources.resolve("dev"), "dev data", Map.of("split", "dev"));
    t.add("folder v1 " + describe(v1));
    Files.writeString(sources.resolve("dev/part-3.csv"), "index,first,last\n3,Grace,Hopper\n");
    try {
      t.add("folder v2 " + describe(ws.data().create("diabetes-dev-folder", sources.resolve("dev"), null, null)));
    } finally {
      Files.delete(sources.resolve("dev/part-3.csv"));
    }
    t.add("file " + describe(ws.data().create("single", sources.resolve("single.csv"), "one file", Map.of())));
    t.add("latest " + describe(ws.data().get(AssetRef.parse("mloop:diabetes-dev-folder@latest"))));
    t.add("pinned " + describe(ws.data().get(AssetRef.parse("diabetes-dev-folder:1"))));
    t.add("missing version: " + t.outcome(() -> ws.data().get(AssetRef.parse("diabetes-dev-folder:9"))));
    t.add("missing asset: " + t.outcome(() -> ws.data().get(AssetRef.parse("nothing@latest"))));
    t.add("bad name: " + t.outcome(() -> ws.data().create("bad name!", sources.resolve("single.csv"), null, null)));
    t.add("missing source: " + t.outcome(() -> ws.data().create("x", sources.resolve("absent"), null, null))
        .replace(sources.toString(), "<sources>"));
    t.add("links refused: " + t.outcome(() -> ws.data().create("linked", sources.resolve("linked"), null, null))
        .replace(sources.toString(), "<sources>"));
    DataAsset linked = ws.data().create("linked", sources.resolve("linked"), null, null, Symlinks.FOLLOW);
    t.add("links followed " + describe(linked) + " " + files(ws.data().listFiles(linked)));
    t.add("all assets " + ws.data().list(null).stream().map(DataAsset::ref).sorted().toList());
    t.add("versions " + ws.data().list("diabetes-dev-folder").stream().map(DataAsset::ref).toList());
    t.add("files v1 " + files(ws.data().listFiles(v1)));
    DataAsset single = ws.data().get(AssetRef.parse("single@latest"));
    t.add("files single " + files(ws.data().listFiles(single)));
    t.add("read nested " + read(ws.data().openFile(v1, "nested/part-2.csv")));
    t.add("read single " + read(ws.data().openFile(single, "single.csv")));

    // ---- jobs
    JobSpec spec = new JobSpec(null, "logistic regression", "diabetes-training", "a test job", ".",
        "bash run.sh ${{inputs.training_data}} ${{inputs.reg_rate}} ${{outputs.model_output}}",
        Map.of("training_data", new JobInput("uri_folder", "mloop:diabetes-dev-folder@latest", null, null),
            "reg_rate", JobInput.literal("0.01")),
        Map.of("model_output", new JobOutput("uri_folder", null)),
        new JobEnvironment("jvm-17", Map.of("EXTRA", "1")), "local", Map.of("purpose", "test"));
    Path code = sources.resolve("code");
    Job job = ws.jobs().create(new JobSubmission(spec, "job-one", JobCode.folder(code, List.of("run.sh", "src/Train.java"), null)));
    t.add("job " + describe(job));
    t.add("duplicate job: " + t.outcome(() -> ws.jobs().create(new JobSubmission(spec, "job-one", JobCode.folder(code, List.of("run.sh"), null)))));
    JobSpec missingInput = new JobSpec(null, null, null, null, ".", "true",
        Map.of("data", new JobInput("uri_folder", "mloop:absent@latest", null, null)), Map.of(), null, "local", Map.of());
    t.add("missing input: " + t.outcome(() -> ws.jobs().create(JobSubmission.withoutCode(missingInput, "job-two"))));
    JobSpec elsewhere = missingInput.toBuilder().inputs(Map.of()).compute("gpu-cluster").build();
    t.add("unknown compute: " + t.outcome(() -> ws.jobs().create(JobSubmission.withoutCode(elsewhere, "job-three"))));
    t.add("get " + describe(ws.jobs().get("job-one")));
    t.add("list " + ws.jobs().list(JobQuery.all()).stream().map(Job::name).toList());
    t.add("list queued " + ws.jobs().list(new JobQuery("diabetes-training", JobStatus.Queued, 10)).stream().map(Job::name).toList());
    t.add("list running " + ws.jobs().list(new JobQuery(null, JobStatus.Running, 10)).stream().map(Job::name).toList());
    t.add("missing job: " + t.outcome(() -> ws.jobs().get("nope")));
    t.add("empty log " + describe(ws.jobs().readLog("job-one", 0, 1000)));
    storeWrite.accept("jobs/job-one/logs/std_log.txt", "line one\nline two\n");
    t.add("log from 5 " + describe(ws.jobs().readLog("job-one", 5, 6)));
    t.add("outputs before completion: " + t.outcome(() -> ws.jobs().listOutput("job-one", "model_output")));
    t.add("unknown output: " + t.outcome(() -> ws.jobs().listOutput("job-one", "nothing")));
    Job canceled = ws.jobs().cancel("job-one");
    t.add("canceled " + canceled.status() + " error=" + canceled.error());
    t.add("cancel again: " + t.outcome(() -> ws.jobs().cancel("job-one")));

    // ---- tracking and run artifacts
    Run run = ws.tracking().getRun(job.runId()).orElseThrow();
    t.add("job run " + run.info().status() + " " + run.info().runName() + " tags=" + new TreeMap<>(run.data().tags().stream()
        .collect(Collectors.toMap(r -> r.key(), r -> r.value()))).keySet());
    String root = "mlartifacts/" + run.info().artifactUri().substring("mlflow-artifacts:/".length());
    storeWrite.accept(root + "/model/weights.txt", "0.1,0.2");
    storeWrite.accept(root + "/metrics.json", "{\"auc\": 0.9}");
    t.add("run artifacts " + files(ws.tracking().listArtifacts(job.runId(), "")));
    t.add("run artifacts under model " + files(ws.tracking().listArtifacts(job.runId(), "model")));
    t.add("read artifact " + read(ws.tracking().openArtifact(job.runId(), "model/weights.txt")));
    t.add("missing run: " + t.outcome(() -> ws.tracking().listArtifacts("0".repeat(32), "")));
    return t.lines;
  }

  private static String describe(DataAsset a) {
    return a.ref() + " " + a.type() + " " + a.artifactPath() + " sha=" + a.sha256() + " size=" + a.sizeBytes()
        + " files=" + a.fileCount() + " description=" + a.description() + " tags=" + a.tags();
  }

  private static String describe(Job j) {
    return j.name() + " " + j.status() + " display=" + j.displayName() + " experiment=" + j.experimentName()
        + " inputs=" + new TreeMap<>(j.inputs()) + " code=" + (j.code() == null ? null
        : j.code().sha256() + "/" + j.code().fileCount() + "/" + j.code().sizeBytes() + "/" + j.code().artifactPath())
        + " spec=" + j.spec() + " run=" + j.runId();
  }

  private static String describe(LogChunk c) {
    return "'" + c.text() + "' " + c.offset() + ".." + c.nextOffset() + " complete=" + c.complete();
  }

  private static String files(List<ArtifactFile> files) {
    return files.stream().map(f -> f.path() + (f.directory() ? "/" : ":" + f.sizeBytes() + ":" + f.sha256()))
        .sorted().toList().toString();
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aLargeDataAssetStreamsUpAndDown() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("ws"))) {
      Path folder = Files.createDirectories(dir.resolve("big"));
      byte[] block = new byte[1024 * 1024];
      new java.util.Random(7).nextBytes(block);
      try (var out = Files.newOutputStream(folder.resolve("blob.bin"))) {
        for (int i = 0; i < 20; i++) {
          out.write(block);
        }
      }
      RemoteWorkspace remote = new RemoteWorkspace(ws.url(), null);
      DataAsset asset = remote.data().create("blob", folder, null, null);
      assertThat(asset.sizeBytes()).isEqualTo(20L * block.length);
      try (InputStream in = remote.data().openFile(asset, "blob.bin")) {
        var digest = ContentHash.newDigest();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
        assertThat(ContentHash.hex(digest.digest())).isEqualTo(ContentHash.ofFile(folder.resolve("blob.bin")));
      }
    }
  }

  @Test
  void connectionRefusedNamesTheUrlAndWhatToDo() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RemoteWorkspace remote = new RemoteWorkspace("http://127.0.0.1:" + port, null);
    assertThatThrownBy(() -> remote.jobs().list(JobQuery.all()))
        .isInstanceOf(MloopException.class)
        .hasMessageContaining("http://127.0.0.1:" + port)
        .hasMessageContaining("mloop server")
        .hasMessageContaining("MLOOP_WORKSPACE");
  }

  @Test
  void unauthenticatedCallsSayToSetMloopToken() {
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("ws"), ServerOptions.ephemeral().withRequireTokens(true))) {
      assertThatThrownBy(() -> new RemoteWorkspace(ws.url(), null).data().list(null))
          .isInstanceOfSatisfying(MloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED))
          .hasMessageContaining("MLOOP_TOKEN");
      assertThatThrownBy(() -> new RemoteWorkspace(ws.url(), "wrong").tracking().getRun("a".repeat(32)))
          .isInstanceOfSatisfying(MloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED))
          .hasMessageContaining("MLOOP_TOKEN");

      ws.metadata.tokens().createToken("cli", ContentHash.ofString("good-token"));
      assertThat(new RemoteWorkspace(ws.url(), "good-token").data().list(null)).isEmpty();
    }
  }
}
