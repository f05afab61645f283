package org.mloop.cli.jobs;

import java.nio.file.Path;
import java.util.List;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobSpecOverrides;
import org.mloop.core.jobs.JobSpecParser;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.jobs.CodeSnapshotter;

/** Builds a submission from a job file: parse, apply --set overrides, snapshot the code folder it names. */
public final class JobSubmissions {
  private JobSubmissions() {}

  public static JobSubmission fromFile(Path file, String name, List<String> overrides) {
    JobSpec spec = JobSpecOverrides.apply(JobSpecParser.parse(file), overrides);
    if (spec.code() == null) {
      return JobSubmission.withoutCode(spec, name);
    }
    Path codeDir = file.toAbsolutePath().getParent().resolve(spec.code()).normalize();
    return CodeSnapshotter.snapshot(codeDir).submission(spec, name);
  }
}
