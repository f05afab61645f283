package org.mloop.cli.endpoints;

import picocli.CommandLine.Option;

/** The --name of the commands that work on one endpoint. */
final class EndpointName {
  @Option(names = "--name", required = true, description = "The endpoint.")
  String name;
}
