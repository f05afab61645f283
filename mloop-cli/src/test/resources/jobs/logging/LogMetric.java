import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Test training code: logs param alpha and metric score to the job's run over the MLflow REST API. */
public class LogMetric {
  public static void main(String[] args) throws Exception {
    String uri = System.getenv("MLFLOW_TRACKING_URI");
    String run = System.getenv("MLFLOW_RUN_ID");
    String body = "{\"run_id\":\"" + run + "\",\"params\":[{\"key\":\"alpha\",\"value\":\"" + args[0] + "\"}],"
        + "\"metrics\":[{\"key\":\"score\",\"value\":" + args[1] + ",\"timestamp\":" + System.currentTimeMillis()
        + ",\"step\":0}]}";
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow/runs/log-batch"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    System.out.println("logged score " + args[1] + ": HTTP " + response.statusCode());
    if (response.statusCode() != 200) {
      System.out.println(response.body());
      System.exit(1);
    }
  }
}
