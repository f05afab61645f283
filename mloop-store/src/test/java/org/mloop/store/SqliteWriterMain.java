package org.mloop.store;

import java.util.ArrayList;
import java.util.List;
import org.mloop.core.data.DataAssetType;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Param;

/**
 * A separate OS process writing to one SQLite file, for {@link SqliteMultiProcessTest}. Arguments:
 * JDBC URL, number of batches, number of data asset versions. Prints the run id it wrote to.
 */
public final class SqliteWriterMain {
  private SqliteWriterMain() {}

  public static void main(String[] args) {
    String runId = write(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    System.out.println(runId);
  }

  static String write(String url, int batches, int assetVersions) {
    try (MetadataStore store = MetadataStores.open(url)) {
      String runId = store.tracking().createRun("0", "writer-" + ProcessHandle.current().pid(), 1, null, List.of()).info().runId();
      for (int b = 0; b < batches; b++) {
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          metrics.add(new Metric("loss", 1.0 / (b * 50 + i + 1), b, b * 50L + i));
        }
        store.tracking().logBatch(runId, metrics, List.of(new Param("p" + b, "v")), List.of());
        if (b < assetVersions) {
          store.data().createDataAssetVersion("shared-asset", DataAssetType.uri_file, null, "data/shared-asset/x", "x", 1, 1,
              null);
        }
      }
      return runId;
    }
  }
}
