package org.mloop.cli.ci;

import picocli.CommandLine.Command;

/** mloop ci: GitHub Actions workflows run locally, by hand or from a git push hook. */
@Command(
    name = "ci",
    description = "Run the repository's GitHub Actions workflows (.github/workflows) on this machine, by hand or "
        + "on git push: jobs graph, if:, environments with approvals, secrets from a local settings file.",
    mixinStandardHelpOptions = true,
    subcommands = {
      CiRunCommand.class,
      CiListCommand.class,
      CiShowCommand.class,
      CiLogsCommand.class,
      CiDecisionCommands.Approve.class,
      CiDecisionCommands.Reject.class,
      CiDecisionCommands.Cancel.class,
      CiInstallHookCommand.class
    },
    footer = {"", "Runs live in the CI home: REPO/.mloop-ci (BARE/mloop-ci for a bare repository). Its settings.yml "
        + "holds secrets, vars and environment rules; keep it out of git (add .mloop-ci/ to .gitignore):",
        "  secrets: {MLOOP_TOKEN: ...}",
        "  environments:",
        "    production: {required_approval: true, secrets: {MLOOP_WORKSPACE: http://localhost:8080}}",
        "", "Examples:",
        "  mloop ci run --event push",
        "  mloop ci list",
        "  mloop ci show 3",
        "  mloop ci approve 3 --environment production",
        "  mloop ci install-hook --repo /srv/git/project.git"})
public final class CiCommand {}
