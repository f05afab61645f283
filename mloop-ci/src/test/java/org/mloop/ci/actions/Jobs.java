package org.mloop.ci.actions;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.ci.workflow.Location;
import org.mloop.ci.workflow.Step;
import org.mloop.ci.workflow.Triggers;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowJob;

/** Small workflows written as code, as the parser would produce them. */
final class Jobs {
  static final Path FILE = Path.of(".github/workflows/actions.yml");

  private Jobs() {}

  static Workflow workflow(WorkflowJob... jobs) {
    Map<String, WorkflowJob> map = new LinkedHashMap<>();
    for (WorkflowJob job : jobs) {
      map.put(job.id(), job);
    }
    return new Workflow(FILE, "actions", new Triggers(Map.of("push", Map.of()), Map.of(), List.of()), Map.of(), map);
  }

  static WorkflowJob job(String id, List<String> needs, Map<String, String> outputs, Step... steps) {
    return new WorkflowJob(id, null, needs, null, "ubuntu-latest", null, Map.of(), outputs, null, null, null, null,
        List.of(steps), new Location(FILE, 1));
  }

  static WorkflowJob job(String id, Step... steps) {
    return job(id, List.of(), Map.of(), steps);
  }

  static Step uses(String id, String action, Map<String, String> with) {
    return new Step(id, null, null, action, with, null, null, null, Map.of(), null, null, new Location(FILE, 2));
  }

  static Step run(String script) {
    return new Step(null, null, null, null, Map.of(), script, null, null, Map.of(), null, null, new Location(FILE, 3));
  }
}
