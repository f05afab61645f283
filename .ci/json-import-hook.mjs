// @actions/workflow-parser's build imports its JSON schema without `with { type: "json" }` (it is made
// for bundlers); Node refuses that, so this load hook adds the attribute to .json imports.
export async function load(url, context, nextLoad) {
  if (url.endsWith(".json")) {
    // Node 20+ names them importAttributes; older releases importAssertions.
    const key = "importAttributes" in context ? "importAttributes" : "importAssertions";
    return nextLoad(url, { ...context, [key]: { type: "json" } });
  }
  return nextLoad(url, context);
}
