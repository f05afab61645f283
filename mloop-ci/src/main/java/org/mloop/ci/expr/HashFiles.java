package org.mloop.ci.expr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.mloop.core.files.Globs;

/**
 * {@code hashFiles('**}{@code /pom.xml', '!x')}: the SHA-256 of the SHA-256 digests of the matching files
 * under {@code github.workspace} (in path order), or "" when nothing matches. Patterns are globs relative
 * to the workspace; {@code !} excludes; the last pattern that matches a file decides.
 */
final class HashFiles {
  private HashFiles() {}

  static String hash(Node.Scope scope, Node.Call call, List<String> patterns) {
    Object github = scope.contexts().values().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("github")).map(Map.Entry::getValue).findFirst().orElse(null);
    Object workspace = github instanceof Map<?, ?> map ? Values.property(map, "workspace") : null;
    if (!(workspace instanceof String dir) || dir.isBlank()) {
      throw Errors.at("hashFiles needs github.workspace (the checked-out folder), which this run does not set",
          scope.expression(), call.start());
    }
    Path root = Path.of(dir);
    List<Rule> rules = new ArrayList<>();
    for (String pattern : patterns) {
      boolean exclude = pattern.startsWith("!");
      String glob = exclude ? pattern.substring(1) : pattern;
      rules.add(new Rule(exclude, Globs.files(root, glob)));
    }
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> matched = files.filter(Files::isRegularFile)
          .filter(file -> !root.relativize(file).startsWith(".git"))
          .filter(file -> included(file, rules))
          .sorted()
          .toList();
      if (matched.isEmpty()) {
        return "";
      }
      MessageDigest all = MessageDigest.getInstance("SHA-256");
      for (Path file : matched) {
        all.update(sha256(file));
      }
      return HexFormat.of().formatHex(all.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("hashFiles cannot read " + root, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One pattern: {@link Globs} (where **{@code /} also matches no folder), {@code !} excluding. */
  private record Rule(boolean exclude, Predicate<Path> matches) {}

  private static boolean included(Path file, List<Rule> rules) {
    boolean included = false;
    for (Rule rule : rules) {
      if (rule.matches().test(file)) {
        included = !rule.exclude();
      }
    }
    return included;
  }

  private static byte[] sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return digest.digest();
  }
}
