package org.mloop.ci.actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.mloop.ci.runner.Action;
import org.mloop.ci.runner.ActionContext;
import org.mloop.ci.runner.CiRuns;
import org.mloop.ci.runner.Conclusion;
import org.mloop.ci.runner.JobRecord;
import org.mloop.core.files.FileTrees;
import org.mloop.core.json.Json;

/**
 * {@code actions/cache} (and its {@code /restore} and {@code /save} halves): copies of {@code path}
 * kept under the CI home's {@code cache/} folder by {@code key}.
 * <pre>
 *   cache/&lt;sha256(key)&gt;/entry.json      key, paths, time
 *   cache/&lt;sha256(key)&gt;/files/&lt;i&gt;/       a copy of the i-th path
 *   cache/pending/&lt;sha256(key)&gt;.json    a miss waiting for its job to end
 * </pre>
 * On GitHub the save happens in a post-job step. The local runner has none, so a miss records the
 * paths, and the copy is made the next time the key is looked up, from the finished job's files,
 * when that job succeeded (GitHub saves only then). {@code actions/cache/save} saves at once.
 * Outputs: {@code cache-hit} ("true" for the exact key only), {@code cache-primary-key},
 * {@code cache-matched-key}.
 */
final class CacheAction implements Action {
  enum Mode { RESTORE_AND_SAVE, RESTORE, SAVE }

  /** Cached files keep their modes, links stay links, and a restore overwrites what is there. */
  private static final CopyOption[] PRESERVED = {StandardCopyOption.REPLACE_EXISTING,
      StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS};

  private final Mode mode;

  CacheAction(Mode mode) {
    this.mode = mode;
  }

  record Entry(String key, List<String> paths, long createdAt) {}

  record Pending(String key, List<String> paths, int run, String job) {}

  @Override
  public void run(ActionContext context) throws Exception {
    String key = context.input("key").strip();
    if (key.isEmpty()) {
      throw new IllegalArgumentException(context.uses() + ": input 'key' is required (for example "
          + "key: maven-${{ hashFiles('**/pom.xml') }})");
    }
    if (key.length() > 512 || key.contains(",")) {
      throw new IllegalArgumentException(context.uses() + ": key '" + key + "' must be at most 512 characters "
          + "without commas (GitHub's rule)");
    }
    List<String> paths = ActionInputs.lines(context.input("path"));
    if (paths.isEmpty()) {
      throw new IllegalArgumentException(context.uses() + ": input 'path' is required: the files or folders to "
          + "cache, one per line");
    }
    Path cache = context.runDirectory().getParent().getParent().resolve("cache");
    List<Path> absolute = paths.stream().map(p -> ActionInputs.resolve(context.workspace(), p)).toList();
    if (mode == Mode.SAVE) {
      save(context, cache, key, absolute);
      return;
    }
    context.setOutput("cache-primary-key", key);
    completePending(context, cache, key);
    Optional<Entry> hit = find(cache, key, ActionInputs.lines(context.input("restore-keys")));
    if (hit.isPresent()) {
      restore(context, cache, hit.get(), absolute);
      boolean exact = hit.get().key().equals(key);
      context.setOutput("cache-hit", Boolean.toString(exact));
      context.setOutput("cache-matched-key", hit.get().key());
      if (exact || mode == Mode.RESTORE) {
        return;
      }
    } else {
      context.setOutput("cache-hit", "false");
      context.log("Cache not found for key: " + key);
      if (context.input("fail-on-cache-miss").strip().equalsIgnoreCase("true")) {
        throw new IllegalStateException(context.uses() + ": no cache for key '" + key + "' (fail-on-cache-miss)");
      }
    }
    if (mode == Mode.RESTORE_AND_SAVE && !context.input("lookup-only").equalsIgnoreCase("true")) {
      Pending pending = new Pending(key, absolute.stream().map(Path::toString).toList(), context.runNumber(),
          context.jobId());
      Path file = cache.resolve("pending").resolve(hash(key) + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, Json.write(pending));
      context.log("The cache for key " + key + " is saved from this job's files once the job succeeds "
          + "(taken when the key is next looked up)");
    }
  }

  private static void restore(ActionContext context, Path cache, Entry entry, List<Path> targets) throws IOException {
    Path files = cache.resolve(hash(entry.key())).resolve("files");
    int n = Math.min(entry.paths().size(), targets.size());
    for (int i = 0; i < n; i++) {
      Path source = files.resolve(Integer.toString(i));
      if (Files.exists(source)) {
        FileTrees.copyTree(source, targets.get(i), PRESERVED);
      }
    }
    context.log("Cache restored from key: " + entry.key() + " (" + FileTrees.size(files) + " bytes)");
  }

  /** The exact key, else the newest entry whose key starts with a restore key (in the order given). */
  private static Optional<Entry> find(Path cache, String key, List<String> restoreKeys) throws IOException {
    Path exact = cache.resolve(hash(key)).resolve("entry.json");
    if (Files.exists(exact)) {
      return Optional.of(read(exact));
    }
    if (restoreKeys.isEmpty() || !Files.isDirectory(cache)) {
      return Optional.empty();
    }
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(cache)) {
      for (Path dir : dirs.toList()) {
        Path file = dir.resolve("entry.json");
        if (Files.isRegularFile(file)) {
          entries.add(read(file));
        }
      }
    }
    entries.sort(Comparator.comparingLong(Entry::createdAt).reversed());
    for (String prefix : restoreKeys) {
      for (Entry e : entries) {
        if (e.key().startsWith(prefix)) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }

  /** Makes the copy a miss promised, when the job that missed has succeeded; forgets it when it failed. */
  private static void completePending(ActionContext context, Path cache, String key) throws IOException {
    Path file = cache.resolve("pending").resolve(hash(key) + ".json");
    if (!Files.exists(file)) {
      return;
    }
    Pending pending = Json.mapper().readValue(Files.readString(file), Pending.class);
    Optional<JobRecord> job = new CiRuns(cache.getParent()).find(pending.run()).map(r -> r.job(pending.job()));
    Conclusion conclusion = job.map(JobRecord::conclusion).orElse(Conclusion.FAILURE);
    if (job.isPresent() && conclusion == null) {
      return; // that job is still going
    }
    if (conclusion == Conclusion.SUCCESS) {
      store(cache, key, pending.paths().stream().map(Path::of).toList());
      context.log("Saved the cache for key " + key + " from run " + pending.run() + ", job " + pending.job());
    }
    Files.deleteIfExists(file);
  }

  private static void save(ActionContext context, Path cache, String key, List<Path> paths) throws IOException {
    if (Files.exists(cache.resolve(hash(key)).resolve("entry.json"))) {
      context.log("Cache for key " + key + " already exists; not saving again (keys are immutable, as on GitHub)");
      return;
    }
    if (paths.stream().noneMatch(Files::exists)) {
      context.log("##[warning]None of the cache paths exist; nothing saved: " + paths);
      return;
    }
    store(cache, key, paths);
    context.log("Cache saved with key: " + key);
  }

  /** Copies into a temporary folder first and moves it into place, so a reader never sees half an entry. */
  private static void store(Path cache, String key, List<Path> paths) throws IOException {
    Path target = cache.resolve(hash(key));
    if (Files.exists(target)) {
      return;
    }
    Files.createDirectories(cache);
    Path temp = Files.createTempDirectory(cache, ".saving-");
    try {
      for (int i = 0; i < paths.size(); i++) {
        if (Files.exists(paths.get(i))) {
          FileTrees.copyTree(paths.get(i), temp.resolve("files").resolve(Integer.toString(i)), PRESERVED);
        }
      }
      Files.writeString(temp.resolve("entry.json"),
          Json.write(new Entry(key, paths.stream().map(Path::toString).toList(), System.currentTimeMillis())));
      Files.move(temp, target);
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // another job saved the same key first: keys are immutable, keep theirs
    } finally {
      FileTrees.deleteTree(temp);
    }
  }

  private static Entry read(Path file) throws IOException {
    return Json.mapper().readValue(Files.readString(file), Entry.class);
  }

  static String hash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
