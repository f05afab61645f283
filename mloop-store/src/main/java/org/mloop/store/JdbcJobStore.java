package org.mloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.mloop.core.MloopException;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.JobStore;
import org.mloop.core.json.Json;

/**
 * Jobs as JSON documents (core's Json mapper) plus the columns that listing filters and sorts
 * on. {@link #updateJob} reads, changes and writes in one write transaction.
 */
final class JdbcJobStore implements JobStore {
  private final Database db;

  JdbcJobStore(Database db) {
    this.db = db;
  }

  @Override
  public Job createJob(Job job) {
    if (job == null || job.name() == null || job.name().isBlank()) {
      throw MloopException.invalid("A job needs a name.");
    }
    if (job.status() == null) {
      throw MloopException.invalid("Job '" + job.name() + "' needs a status.");
    }
    return db.write(c -> {
      db.dialect().unique(() -> Jdbc.execute(c,
          "INSERT INTO jobs (job_name, experiment_name, status, run_id, created_at, updated_at, job_json) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?)", job.name(), job.experimentName(), job.status().name(), job.runId(),
          job.createdAt(), System.currentTimeMillis(), Json.write(job)),
          () -> MloopException.alreadyExists("Job '" + job.name() + "' already exists; job names are unique, "
              + "choose another name or leave it out to get a generated one."));
      return job;
    });
  }

  @Override
  public Optional<Job> getJob(String name) {
    return db.read(c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT job_json FROM jobs WHERE job_name = ?")) {
        select.setString(1, name);
        return readJobs(select).stream().findFirst();
      }
    });
  }

  @Override
  public List<Job> listJobs(JobQuery query) {
    JobQuery q = query == null ? JobQuery.all() : query;
    List<Object> binds = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT job_json FROM jobs WHERE 1 = 1");
    if (q.experimentName() != null) {
      sql.append(" AND experiment_name = ?");
      binds.add(q.experimentName());
    }
    if (q.status() != null) {
      sql.append(" AND status = ?");
      binds.add(q.status().name());
    }
    sql.append(" ORDER BY created_at DESC, job_name DESC");
    if (q.limit() > 0) {
      sql.append(" LIMIT ?");
      binds.add(q.limit());
    }
    return db.read(c -> {
      try (PreparedStatement select = c.prepareStatement(sql.toString())) {
        Jdbc.bind(select, 1, binds);
        return readJobs(select);
      }
    });
  }

  @Override
  public List<Job> listActiveJobs() {
    return db.read(c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT job_json FROM jobs WHERE status IN (?, ?, ?) ORDER BY created_at ASC, job_name ASC")) {
        select.setString(1, JobStatus.Queued.name());
        select.setString(2, JobStatus.Starting.name());
        select.setString(3, JobStatus.Running.name());
        return readJobs(select);
      }
    });
  }

  /**
   * Runs {@code change} inside the write transaction (on SQLite while holding the database's write
   * lock), so it must be quick and must not touch the store itself.
   */
  @Override
  public Job updateJob(String name, UnaryOperator<Job> change) {
    return db.write(c -> {
      Job current;
      try (PreparedStatement select =
          c.prepareStatement("SELECT job_json FROM jobs WHERE job_name = ?" + db.dialect().forUpdate())) {
        select.setString(1, name);
        current = readJobs(select).stream().findFirst()
            .orElseThrow(() -> MloopException.notFound("Job '" + name + "' not found."));
      }
      Job changed = change.apply(current);
      if (changed == null || !name.equals(changed.name())) {
        throw MloopException.invalid("An update of job '" + name + "' must return the job with the same name.");
      }
      write(c, changed);
      return changed;
    });
  }

  private static void write(Connection c, Job job) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE jobs SET experiment_name = ?, status = ?, run_id = ?, updated_at = ?, job_json = ? WHERE job_name = ?")) {
      Jdbc.setNullableString(update, 1, job.experimentName());
      update.setString(2, job.status().name());
      Jdbc.setNullableString(update, 3, job.runId());
      update.setLong(4, System.currentTimeMillis());
      update.setString(5, Json.write(job));
      update.setString(6, job.name());
      update.executeUpdate();
    }
  }

  private static List<Job> readJobs(PreparedStatement select) throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        jobs.add(Json.read(rows.getString(1), Job.class));
      }
    }
    return jobs;
  }
}
