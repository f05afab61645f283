package org.mloop.serving.collect;

import java.util.List;
import org.mloop.runtime.Predictions;

/**
 * One scored request, as the data collector receives it from the request path: the rows in the
 * signature's column order and their predictions. Nothing is serialized on the request path.
 */
public record CollectedBatch(String endpoint, String deployment, String modelName, int modelVersion,
    String requestId, long timestamp, List<String> columns, double[][] rows, Predictions predictions) {}
