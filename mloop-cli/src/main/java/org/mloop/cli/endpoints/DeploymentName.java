package org.mloop.cli.endpoints;

import picocli.CommandLine.Option;

/** The options that name one deployment: its endpoint and its own name. */
final class DeploymentName {
  @Option(names = "--endpoint", required = true, description = "The endpoint.")
  String endpoint;

  @Option(names = "--name", required = true, description = "The deployment.")
  String name;
}
