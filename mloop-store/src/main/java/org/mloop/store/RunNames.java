package org.mloop.store;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Memorable run names such as "brave-heron-417", given to runs created without a name, as MLflow does. */
final class RunNames {
  private static final List<String> ADJECTIVES = List.of(
      "amber", "bold", "brave", "bright", "calm", "clever", "crisp", "daring", "eager", "fair", "gentle",
      "glad", "grand", "keen", "kind", "lively", "lucky", "merry", "nimble", "proud", "quick", "quiet",
      "rare", "sharp", "shy", "smart", "steady", "sunny", "swift", "tidy", "vivid", "warm", "wise", "witty");
  private static final List<String> NOUNS = List.of(
      "badger", "bat", "bear", "bison", "crane", "deer", "dove", "eagle", "finch", "fox", "frog", "gecko",
      "goat", "hare", "hawk", "heron", "ibis", "koala", "lark", "lynx", "mole", "moose", "newt", "otter",
      "owl", "panda", "quail", "robin", "seal", "snail", "swan", "trout", "whale", "wolf", "wren", "yak");

  private RunNames() {}

  static String random() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size()))
        + "-" + random.nextInt(100, 1000);
  }
}
