package org.mloop.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.files.FolderWatch;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobLogs;
import org.mloop.core.jobs.JobPaths;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.JobStore;
import org.mloop.core.jobs.LogChunk;

/**
 * Reads a job's log from a byte offset: from the local log file while the job runs, from the
 * artifact store once the executor has stored it. {@link LogChunk#complete()} is true when the job
 * is over and the chunk reaches the end of its log, so a follower knows when to stop.
 */
public final class JobLogReader implements JobLogs {
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;
  private static final int MAX_BYTES = 4 * 1024 * 1024;

  private final JobStore jobs;
  private final ArtifactStore artifacts;
  private final JobScratch scratch;

  public JobLogReader(JobStore jobs, ArtifactStore artifacts, JobScratch scratch) {
    this.jobs = jobs;
    this.artifacts = artifacts;
    this.scratch = scratch;
  }

  @Override
  public LogChunk read(String jobName, long offset, int maxBytes, Duration wait) {
    LogChunk first = read(jobName, offset, maxBytes);
    if (wait.isZero() || wait.isNegative() || !first.text().isEmpty() || first.status().terminal()) {
      return first;
    }
    // The executor writes the log in the job's scratch folder and deletes that folder once the log
    // is stored and the job's end recorded; so every change the caller waits for, the end
    // included, changes something in that folder (or creates or removes it).
    try {
      return FolderWatch.await(wait, () -> List.of(scratch.jobDir(jobName)), () -> {
        LogChunk now = read(jobName, offset, maxBytes);
        return !now.text().isEmpty() || now.status() != first.status() ? Optional.of(now) : Optional.empty();
      }).orElseGet(() -> read(jobName, offset, maxBytes));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // shutting down: answer with what there is
      return read(jobName, offset, maxBytes);
    }
  }

  @Override
  public LogChunk read(String jobName, long offset, int maxBytes) {
    if (offset < 0) {
      throw MloopException.invalid("log offset must be 0 or more, got " + offset);
    }
    int limit = maxBytes <= 0 ? DEFAULT_MAX_BYTES : Math.max(16, Math.min(maxBytes, MAX_BYTES));
    // The status is read first: an executor stores the log before it marks the job ended, so a
    // terminal status guarantees that the stored log below is the whole log.
    Job job = jobs.getJob(jobName).orElseThrow(() -> MloopException.notFound("no job named '" + jobName + "'"));
    JobStatus status = job.status();
    String stored = JobPaths.log(jobName);
    if (artifacts.exists(stored)) {
      return fromStore(stored, offset, limit, status);
    }
    Path local = scratch.logFile(jobName);
    try {
      return fromFile(local, offset, limit, status);
    } catch (NoSuchFileException e) {
      // Not started yet, or just moved to the store between the two checks.
      if (artifacts.exists(stored)) {
        return fromStore(stored, offset, limit, status);
      }
      return new LogChunk("", offset, offset, status.terminal(), status);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of job " + jobName + " at " + local, e);
    }
  }

  private LogChunk fromStore(String path, long offset, int limit, JobStatus status) {
    long size = artifacts.stat(path).map(f -> f.sizeBytes() == null ? 0L : f.sizeBytes()).orElse(0L);
    if (offset >= size) {
      return new LogChunk("", offset, offset, status.terminal(), status);
    }
    try (InputStream in = artifacts.read(path, offset)) {
      byte[] bytes = in.readNBytes((int) Math.min(limit, size - offset));
      return chunk(bytes, offset, status.terminal() && offset + bytes.length >= size, status);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " from the artifact store", e);
    }
  }

  private static LogChunk fromFile(Path file, long offset, int limit, JobStatus status) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (offset >= size) {
        return new LogChunk("", offset, offset, status.terminal(), status);
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(limit, size - offset));
      while (buffer.hasRemaining() && ch.read(buffer, offset + buffer.position()) > 0) {
        // read until full or end of file
      }
      byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
      return chunk(bytes, offset, status.terminal() && offset + bytes.length >= size, status);
    }
  }

  /** Decodes up to the last whole UTF-8 character, unless this is the very end of the log. */
  private static LogChunk chunk(byte[] bytes, long offset, boolean end, JobStatus status) {
    int usable = end ? bytes.length : wholeCharacters(bytes);
    String text = new String(bytes, 0, usable, StandardCharsets.UTF_8);
    return new LogChunk(text, offset, offset + usable, end, status);
  }

  static int wholeCharacters(byte[] bytes) {
    int n = bytes.length;
    // Look back over at most 3 continuation bytes for the lead byte of the last character.
    for (int back = 1; back <= Math.min(4, n); back++) {
      int b = bytes[n - back] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue; // continuation byte
      }
      int length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return length > back ? n - back : n;
    }
    return n;
  }

  /** The local log file of a job, for callers that tail it directly. */
  public Path logFile(String jobName) {
    return scratch.logFile(jobName);
  }
}
