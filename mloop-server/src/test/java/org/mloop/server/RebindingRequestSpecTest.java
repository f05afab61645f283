package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.jobs.JobQuery;

/**
 * A DNS-rebinding page cannot run a command through a token-less loopback server. The page's request
 * is sent byte for byte as a browser (or the curl) sends it: Host and Origin rebind.example, an
 * empty {@code Authorization} header (curl's {@code -H 'Authorization;'}), a command job posted to
 * /api/v1/jobs. It is refused, no job is recorded and the command never runs, while the same job from
 * this machine's own client (no Authorization header, a loopback Host) runs: the server does run jobs.
 */
class RebindingRequestSpecTest {
  @TempDir static Path dir;
  private static TestWorkspace ws;

  @BeforeAll
  static void start() {
    ws = TestWorkspace.executing(dir.resolve("ws"), ServerOptions.ephemeral().withUploadDirectory(dir.resolve("up")));
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  @Test
  void theRebindingRequestWithAnEmptyAuthorizationHeaderIsRefusedAndItsCommandNeverRuns() throws Exception {
    Path pwned = dir.resolve("pwned");
    String host = "rebind.example:" + ws.server.port();
    String reply = raw("POST /api/v1/jobs HTTP/1.1\r\n"
        + "Host: " + host + "\r\n"
        + "Origin: http://" + host + "\r\n"
        + "Authorization:\r\n"
        + "Content-Type: application/json\r\n", job(pwned));

    assertThat(status(reply)).as(reply).isIn(400, 401);
    assertThat(reply).contains("Authorization header is empty");
    assertThat(ws.workspace.jobs().list(JobQuery.all())).as("no job was recorded").isEmpty();

    // The machine's own client: the same job runs, so a command that was let in would have run too.
    Path own = dir.resolve("own");
    String ok = raw("POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1:" + ws.server.port() + "\r\n"
        + "Content-Type: application/json\r\n", job(own));
    assertThat(status(ok)).as(ok).isEqualTo(200);
    for (int i = 0; i < 300 && !Files.exists(own); i++) {
      Thread.sleep(100);
    }
    assertThat(own).as("the server runs jobs").exists();
    assertThat(pwned).as("the rebinding page's command never ran").doesNotExist();
  }

  @Test
  void anyMalformedAuthorizationHeaderIsRefusedNeverTakenForNone() throws Exception {
    Path pwned = dir.resolve("pwned-too");
    String loopback = "Host: 127.0.0.1:" + ws.server.port() + "\r\nContent-Type: application/json\r\n";
    for (String header : new String[] {"Authorization: \r\n", "Authorization: Bearer\r\n",
        "Authorization: Bearer \r\n", "Authorization: Basic dXNlcjpwYXNz\r\n",
        "Authorization: Bearer a\r\nAuthorization: Bearer b\r\n"}) {
      String reply = raw("POST /api/v1/jobs HTTP/1.1\r\n" + loopback + header, job(pwned));
      assertThat(status(reply)).as(header + reply).isIn(400, 401);
    }
    // on every route: probes and the MLflow API too
    assertThat(status(raw("GET /health HTTP/1.1\r\n" + loopback + "Authorization:\r\n", ""))).isEqualTo(401);
    assertThat(status(raw("GET /api/2.0/mlflow/experiments/get?experiment_id=0 HTTP/1.1\r\n" + loopback
        + "Authorization:\r\n", ""))).isEqualTo(401);
    Thread.sleep(500);
    assertThat(pwned).doesNotExist();
  }

  private static String job(Path marker) {
    return "{\"spec\":{\"type\":\"command\",\"command\":\"id > " + marker + "\",\"experiment_name\":\"x\"}}";
  }

  /** Sends {@code head} (request line and headers, each ending CRLF) and {@code body} as they are; the whole reply. */
  private static String raw(String head, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", ws.server.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int status(String reply) {
    return Integer.parseInt(reply.substring(9, 12));
  }
}
