package org.mloop.ci.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GitHub's filter pattern cheat sheet, then how each event judges its filters. */
class WorkflowFiltersTest {

  static boolean included(String value, String... patterns) {
    return WorkflowFilters.matchesAny(List.of(patterns), value);
  }

  @Nested
  class BranchAndTagPatterns {
    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        feature/*        | feature/my-branch               | true
        feature/*        | feature/beta-a/my-branch        | false
        feature/**       | feature/beta-a/my-branch        | true
        feature/**       | feature/mona/the/octocat        | true
        main             | main                            | true
        main             | main2                           | false
        releases/mona-the-octocat | releases/mona-the-octocat | true
        *                | main                            | true
        *                | releases/v1                     | false
        **               | releases/v1                     | true
        *feature         | mona-feature                    | true
        *feature         | feature                         | true
        *feature         | ver-10-feature                  | true
        v2*              | v2                              | true
        v2*              | v2.0                            | true
        v2*              | v2.9                            | true
        v2*              | v3                              | false
        v[12].[0-9]+.[0-9]+ | v1.10.1                      | true
        v[12].[0-9]+.[0-9]+ | v2.0.0                       | true
        v[12].[0-9]+.[0-9]+ | v3.0.0                       | false
        v[12].[0-9]+.[0-9]+ | v1.x.0                       | false
        v1.?0            | v1.0                            | true
        v1.?0            | v10                             | true
        v1.?0            | v1x0                            | false
        release\\*       | release*                        | true
        release\\*       | release1                        | false
        """)
    void cheatSheet(String pattern, String name, boolean matches) {
      assertThat(included(name, pattern)).isEqualTo(matches);
    }

    @Test
    void negationExcludesWhatEarlierPatternsIncludedAndTheLastMatchWins() {
      String[] patterns = {"releases/**", "!releases/**-alpha", "releases/keep-alpha"};
      assertThat(included("releases/10", patterns)).isTrue();
      assertThat(included("releases/10-alpha", patterns)).isFalse();
      assertThat(included("releases/keep-alpha", patterns)).isTrue();
      assertThat(included("main", patterns)).isFalse();
      assertThat(included("main", "!main")).as("only negations include nothing").isFalse();
    }
  }

  @Nested
  class PathPatterns {
    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        *                | README.md                       | true
        *                | server.rb                       | true
        *                | docs/README.md                  | false
        *.jsx?           | page.js                         | true
        *.jsx?           | page.jsx                        | true
        *.jsx?           | page.jsxx                       | false
        **               | all/the/files.md                | true
        *.js             | app.js                          | true
        *.js             | js/index.js                     | false
        **.js            | index.js                        | true
        **.js            | js/index.js                     | true
        **.js            | src/js/app.js                   | true
        docs/*           | docs/README.md                  | true
        docs/*           | docs/file.txt                   | true
        docs/*           | docs/mona/octocat.txt           | false
        docs/**          | docs/README.md                  | true
        docs/**          | docs/mona/octocat.txt           | true
        docs/**/*.md     | docs/README.md                  | true
        docs/**/*.md     | docs/mona/hello-world.md        | true
        docs/**/*.md     | docs/a/markdown/file.md         | true
        docs/**/*.md     | docs/a/markdown/file.txt        | false
        **/docs/**       | docs/hello.md                   | true
        **/docs/**       | dir/docs/my-file.txt            | true
        **/docs/**       | space/docs/plan/space.doc       | true
        **/docs/**       | documents/x.md                  | false
        **/README.md     | README.md                       | true
        **/README.md     | js/README.md                    | true
        **/*src/**       | a/src/app.js                    | true
        **/*src/**       | my-src/code/js/app.js           | true
        **/*-post.md     | my-post.md                      | true
        **/*-post.md     | path/their-post.md              | true
        **/migrate-*.sql | migrate-10909.sql               | true
        **/migrate-*.sql | db/migrate-v1.0.sql             | true
        **/migrate-*.sql | db/sept/migrate-v1.sql          | true
        model/**         | model/src/main/java/Train.java  | true
        model/**         | mloop-core/pom.xml              | false
        """)
    void cheatSheet(String pattern, String path, boolean matches) {
      assertThat(included(path, pattern)).isEqualTo(matches);
    }

    @Test
    void negatedPathsTheCheatSheetWay() {
      assertThat(included("hello.md", "*.md", "!README.md")).isTrue();
      assertThat(included("README.md", "*.md", "!README.md")).isFalse();
      assertThat(included("docs/hello.md", "*.md", "!README.md")).isFalse();
      assertThat(included("README.md", "*.md", "!README.md", "README*")).isTrue();
      assertThat(included("README.doc", "*.md", "!README.md", "README*")).isTrue();
    }
  }

  @Nested
  class Events {
    static Triggers triggers(String event, Map<String, List<String>> filters) {
      return new Triggers(Map.of(event, filters), Map.of(), List.of());
    }

    static Event push(String ref, String... files) {
      return new Event("push", ref, "a".repeat(40), "b".repeat(40), List.of(files), Map.of());
    }

    @Test
    void anEventTheWorkflowDoesNotListNeverMatches() {
      Triggers t = triggers("push", Map.of());
      assertThat(t.matches(push("refs/heads/main", "x"))).isTrue();
      assertThat(t.matches(new Event("pull_request", "refs/heads/main", null, null, null, null))).isFalse();
      assertThat(t.matches(new Event("workflow_dispatch", null, null, null, null, null))).isFalse();
    }

    @Test
    void workflowDispatchAndScheduleMatchTheirEvents() {
      Triggers t = new Triggers(Map.of("workflow_dispatch", Map.of(), "schedule", Map.of()), Map.of(),
          List.of("0 3 * * 1"));
      assertThat(t.matches(new Event("workflow_dispatch", "refs/heads/wip", null, null, null, Map.of("k", "v"))))
          .isTrue();
      assertThat(t.matches(new Event("schedule", "refs/heads/main", null, null, null, null))).isTrue();
    }

    @Test
    void pushToMainUnderModel() {
      Triggers t = triggers("push", Map.of("branches", List.of("main"), "paths", List.of("model/**")));
      assertThat(t.matches(push("refs/heads/main", "README.md", "model/job.yml"))).as("one file is enough").isTrue();
      assertThat(t.matches(push("refs/heads/main", "README.md", "mloop-ci/pom.xml"))).isFalse();
      assertThat(t.matches(push("refs/heads/dev", "model/job.yml"))).as("branch and paths must both pass")
          .isFalse();
      assertThat(t.matches(push("refs/tags/v1", "model/job.yml"))).as("branch filters only: tags do not run")
          .isFalse();
      assertThat(t.matches(push("refs/heads/main"))).as("a push that changed no file").isFalse();
      assertThat(t.matches(new Event("push", "refs/heads/main", null, null, null, null)))
          .as("files unknown (started by hand): paths do not stop it").isTrue();
    }

    @Test
    void pathsIgnoreRunsUnlessEveryChangedFileIsIgnored() {
      Triggers t = triggers("push", Map.of("paths-ignore", List.of("docs/**", "**.md")));
      assertThat(t.matches(push("refs/heads/main", "docs/a.txt", "README.md"))).isFalse();
      assertThat(t.matches(push("refs/heads/main", "docs/a.txt", "model/job.yml"))).isTrue();
      assertThat(t.matches(push("refs/tags/v1"))).as("no branch or tag filters: tags run, paths not judged")
          .isTrue();
    }

    @Test
    void pathsWithNegation() {
      Triggers t = triggers("push", Map.of("paths", List.of("model/**", "!model/**.md")));
      assertThat(t.matches(push("refs/heads/main", "model/README.md"))).isFalse();
      assertThat(t.matches(push("refs/heads/main", "model/README.md", "model/job.yml"))).isTrue();
    }

    @Test
    void tagsAndBranchesIgnore() {
      Triggers tags = triggers("push", Map.of("tags", List.of("v[0-9]+.*")));
      assertThat(tags.matches(push("refs/tags/v1.2"))).isTrue();
      assertThat(tags.matches(push("refs/tags/beta"))).isFalse();
      assertThat(tags.matches(push("refs/heads/main", "x"))).as("tag filters only: branches do not run").isFalse();

      Triggers ignore = triggers("push", Map.of("branches-ignore", List.of("wip/**", "dependabot/*")));
      assertThat(ignore.matches(push("refs/heads/main", "x"))).isTrue();
      assertThat(ignore.matches(push("refs/heads/wip/workflow", "x"))).isFalse();
      assertThat(ignore.matches(push("refs/heads/dependabot/maven", "x"))).isFalse();
    }

    @Test
    void pullRequestsMatchTheirBaseBranch() {
      Triggers t = triggers("pull_request", Map.of("branches", List.of("main")));
      assertThat(t.matches(new Event("pull_request", "refs/heads/main", "a".repeat(40), "b".repeat(40),
          List.of("model/x"), null))).isTrue();
      assertThat(t.matches(new Event("pull_request", "refs/heads/release", "a".repeat(40), "b".repeat(40),
          List.of("model/x"), null))).isFalse();
    }
  }
}
