package org.mloop.cli.ci;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mloop.ci.runner.CiRuns;
import org.mloop.cli.OutputOption;
import org.mloop.cli.Printer;
import org.mloop.core.MloopException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a CI command works: the git repository (default: the one the current folder is in), the
 * CI home with the runs (default {@code <repo>/.mloop-ci} for a work tree, {@code <bare>/mloop-ci}
 * for a bare repository) and the settings file (default {@code <ci-home>/settings.yml}; it holds
 * secrets, so keep it out of git: add {@code .mloop-ci/} to .gitignore).
 */
public final class CiOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--repo", paramLabel = "PATH",
      description = "The git repository, a work tree or a bare repository (default: the one the current folder is in).")
  Path repo;

  @Option(names = "--ci-home", paramLabel = "DIR",
      description = "Where runs, logs and caches are kept (default: REPO/.mloop-ci, or BARE/mloop-ci); artifacts go to the workspace.")
  Path ciHome;

  @Option(names = "--settings", paramLabel = "FILE",
      description = "Secrets, vars and environment protection rules (default: CI_HOME/settings.yml; keep it out of git).")
  Path settings;

  @Mixin OutputOption output;

  public boolean json() {
    return output.json();
  }

  /** The command's standard output (picocli's). */
  public PrintWriter out() {
    return command.commandLine().getOut();
  }

  /** Prints the command's result, as --output says, on its picocli streams. */
  public Printer printer() {
    return Printer.of(command, json());
  }

  /** The repository: --repo, else the git repository around the current folder. */
  public GitRepo repository() {
    if (repo != null) {
      return GitRepo.at(repo);
    }
    return GitRepo.around(Path.of("").toAbsolutePath());
  }

  /** --ci-home, else the default of the repository. */
  public Path home() {
    if (ciHome != null) {
      return ciHome.toAbsolutePath().normalize();
    }
    return repository().defaultCiHome();
  }

  public CiRuns runs() {
    Path home = home();
    if (!Files.isDirectory(home.resolve("runs"))) {
      throw MloopException.notFound("no CI runs under " + home + ": start one with `mloop ci run --event push`, "
          + "or give --ci-home (or --repo) of the repository whose runs you want");
    }
    return new CiRuns(home);
  }

  public Path settingsFile() {
    return (settings != null ? settings : home().resolve("settings.yml")).toAbsolutePath().normalize();
  }
}
