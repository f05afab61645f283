package org.mloop.cli.quickstart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.mloop.ci.runner.JobRecord;
import org.mloop.ci.runner.RunRecord;
import org.mloop.ci.runner.StepRecord;

/**
 * Where the time from `git push` returning to production serving the new version went, from the run's
 * own record: the hook starting the run, each step of each job (the slowest first), and what is left
 * (jobs starting, approval, the quickstart noticing the end).
 */
final class PushShares {
  /** One stage with its time in milliseconds. */
  record Share(String stage, long millis) {}

  private PushShares() {}

  /** {@code pushedAt}: epoch millis when git push returned; {@code totalMs}: push to production. */
  static List<Share> of(RunRecord run, long pushedAt, long totalMs) {
    List<Share> shares = new ArrayList<>();
    if (run.startedAt() != null) {
      shares.add(new Share("hook starts the run", Math.max(0, run.startedAt() - pushedAt)));
    }
    List<Share> steps = new ArrayList<>();
    for (JobRecord job : run.jobs().values()) {
      for (StepRecord s : job.steps()) {
        if (s.startedAt() != null && s.endedAt() != null) {
          steps.add(new Share(job.id() + ": " + s.name(), s.endedAt() - s.startedAt()));
        }
      }
    }
    steps.sort(Comparator.comparingLong(Share::millis).reversed());
    shares.addAll(steps);
    long counted = shares.stream().mapToLong(Share::millis).sum();
    shares.add(new Share("between steps (jobs starting, approval, the end noticed)", Math.max(0, totalMs - counted)));
    return shares;
  }

  /** "12.3 s: Promote... 4.1 s (33%), ..." with the stages of at least 0.1 s. */
  static String line(List<Share> shares, long totalMs) {
    StringBuilder text = new StringBuilder();
    for (Share s : shares) {
      if (s.millis() < 100) {
        continue;
      }
      text.append(text.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT, "%s %.1f s (%d%%)", s.stage(),
          s.millis() / 1000.0, Math.round(100.0 * s.millis() / Math.max(1, totalMs))));
    }
    return text.toString();
  }
}
