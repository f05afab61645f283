package org.mloop.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.mloop.cli.ci.CiCommand;
import org.mloop.cli.data.DataCommand;
import org.mloop.cli.endpoints.DeploymentCommand;
import org.mloop.cli.endpoints.EndpointCommand;
import org.mloop.cli.endpoints.ServeCommand;
import org.mloop.cli.jobs.JobCommand;
import org.mloop.cli.models.ModelCommand;
import org.mloop.cli.monitors.MonitorCommand;
import org.mloop.cli.quickstart.QuickstartCommand;
import org.mloop.cli.server.ServerCommand;
import org.mloop.cli.server.TokenCommand;
import org.mloop.cli.tracking.RunCommand;
import org.mloop.core.MloopException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The mloop command line. Every command works on a local workspace directory or a server URL alike. */
@Command(
    name = "mloop",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Self-hosted MLOps: data assets, tracked training jobs, registry, endpoints and monitoring.",
    footer = {
      "",
      "The workspace is a local directory (default ./.mloop, created on first use) or a server URL: every command",
      "  takes --workspace DIR|URL (or reads MLOOP_WORKSPACE); MLOOP_TOKEN holds a server token.",
      "",
      "Example:",
      "  mloop quickstart"
    })
public final class Main {
  /**
   * The top-level commands, in the order `mloop --help` lists them. A call builds only the one its first
   * word names (picocli reflects over every option of every command it is given, a third of a short
   * call's time); help, a typo or no command at all get them all.
   */
  private static final List<Class<?>> COMMANDS = List.of(QuickstartCommand.class, DataCommand.class,
      JobCommand.class, RunCommand.class, ModelCommand.class, EndpointCommand.class, DeploymentCommand.class,
      ServeCommand.class, MonitorCommand.class, ServerCommand.class, TokenCommand.class, CiCommand.class,
      CommandLine.HelpCommand.class);

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI on System.out and System.err and returns its exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the CLI printing to {@code out} and {@code err} (picocli's streams, which every command prints
   * through) and returns its exit code; errors become one readable line, not a stack trace.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine(args.length > 0 ? args[0] : null);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + describe(e));
      if (System.getenv("MLOOP_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return e instanceof MloopException ? 2 : 1;
    });
    cli.setParameterExceptionHandler(new UnknownCommands(cli.getParameterExceptionHandler()));
    cli.setExecutionStrategy(Main::execute);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The whole command tree (help and its specs). */
  static CommandLine commandLine() {
    return commandLine(null);
  }

  /** The command line with the top-level command {@code firstWord} names, or with all of them. */
  private static CommandLine commandLine(String firstWord) {
    CommandLine cli = new CommandLine(new Main());
    Class<?> named = COMMANDS.stream().filter(c -> c != CommandLine.HelpCommand.class && names(c).contains(firstWord))
        .findFirst().orElse(null);
    for (Class<?> command : named != null ? List.of(named) : COMMANDS) {
      cli.addSubcommand(command);
    }
    return cli;
  }

  private static List<String> names(Class<?> command) {
    Command annotation = command.getAnnotation(Command.class);
    List<String> names = new ArrayList<>(List.of(annotation.aliases()));
    names.add(annotation.name());
    return names;
  }

  /**
   * Runs the last command given, once every word matched: picocli prints the help of --help even when
   * a word before it was no command (`mloop nosuch --help`), which would exit 0 on a typo.
   */
  private static int execute(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (!p.unmatched().isEmpty()) {
        throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    return message;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"mloop " + (v == null ? "development build" : v)};
    }
  }
}
