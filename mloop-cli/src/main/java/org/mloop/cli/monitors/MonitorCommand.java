package org.mloop.cli.monitors;

import picocli.CommandLine.Command;

/** mloop monitor: model monitors of online endpoints (drift, data quality, performance) and their runs. */
@Command(
    name = "monitor",
    description = {"Model monitors: compare what an online endpoint sees in production (its collected data) with "
        + "the model's training data, per feature and for the model's outputs, check data quality, and measure "
        + "accuracy once ground truth is posted (as Azure ML model monitoring).",
        "A run over threshold records an alert and posts it to the monitor's webhooks. Monitors created with "
            + "--every run inside `mloop server`; `mloop monitor run` computes one now (what CI and cron call)."},
    mixinStandardHelpOptions = true,
    subcommands = {
      MonitorCreateCommand.class,
      MonitorRunCommand.class,
      MonitorShowCommand.class,
      MonitorListCommand.class,
      MonitorHistoryCommand.class,
      MonitorReportCommand.class,
      MonitorAlertsCommand.class,
      MonitorLabelsCommand.class,
      MonitorDeleteCommand.class
    },
    footer = {"", "Examples:",
        "  mloop monitor create --name diabetes-prod-monitor --endpoint diabetes-prod \\",
        "      --every 1h",
        "  mloop monitor run --name diabetes-prod-monitor --window 24h --fail-on-alert",
        "  mloop monitor report --name diabetes-prod-monitor --out report.html",
        "  mloop monitor labels --endpoint diabetes-prod --file labels.csv",
        "  mloop monitor history --name diabetes-prod-monitor"})
public final class MonitorCommand {}
