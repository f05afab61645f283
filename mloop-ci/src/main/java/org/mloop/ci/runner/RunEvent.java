package org.mloop.ci.runner;

import java.util.List;
import java.util.Map;
import org.mloop.ci.workflow.Event;

/** The event a run was started for, as stored in run.json. */
public record RunEvent(String name, String ref, String before, String after, List<String> changedFiles,
    Map<String, String> inputs) {

  public static RunEvent of(Event event) {
    return new RunEvent(event.name(), event.ref(), event.before(), event.after(), event.changedFiles(),
        event.inputs());
  }
}
