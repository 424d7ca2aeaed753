package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes as two JVMs started from the jar with {@code --cluster}, as the README shows: node A runs
 * every role, node B only the HTTP edge. A message taken in by A reaches the session rented through B;
 * on SIGTERM B leaves the cluster and exits, and A goes on.
 */
class ClusteredProcessesTest {

  private static final String KEY = "cluster-process-key";

  @TempDir
  Path workDir;

  private final HttpClient http = HttpClient.newHttpClient();

  private JsonObject call(int port, String method, String path, JsonObject body, int expectedStatus) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + KEY);
    request = body == null ? request.GET()
        : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
  }

  @Test
  @DisplayName("a session rented through node B receives what node A's SMPP bind takes in, and B leaves cleanly")
  void twoJvms() throws Exception {
    int clusterA = Nodes.freePort();
    int clusterB = Nodes.freePort();
    int httpA = Nodes.freePort();
    int httpB = Nodes.freePort();
    String members = "127.0.0.1:" + clusterA + ",127.0.0.1:" + clusterB;
    Map<String, String> common = Map.of("INLET_API_KEY", KEY, "INLET_HTTP_HOST", "127.0.0.1",
        "INLET_CLUSTER_MEMBERS", members, "INLET_LAB_SMSC_PORT", "0");
    Map<String, String> envA = new java.util.HashMap<>(common);
    envA.putAll(Map.of("INLET_CLUSTER_PORT", String.valueOf(clusterA), "INLET_HTTP_PORT", String.valueOf(httpA)));
    Map<String, String> envB = new java.util.HashMap<>(common);
    envB.putAll(Map.of("INLET_CLUSTER_PORT", String.valueOf(clusterB), "INLET_HTTP_PORT", String.valueOf(httpB),
        "INLET_ROLES", "http"));

    try (NodeProcess a = NodeProcess.start(workDir, envA, "--cluster");
         NodeProcess b = NodeProcess.start(workDir, envB, "--cluster")) {
      assertThat(a.awaitLine("node up", 90, TimeUnit.SECONDS)).as(a.outputText()).isTrue();
      assertThat(b.awaitLine("node up", 90, TimeUnit.SECONDS)).as(b.outputText()).isTrue();

      JsonObject rental = call(httpB, "POST", "/api/rent", new JsonObject().put("country", "GB"), 200);
      call(httpA, "POST", "/api/lab/sms", new JsonObject().put("to", rental.getString("number"))
          .put("from", "Acme").put("text", "Acme code 424242"), 200);
      JsonObject messages = call(httpB, "GET", "/api/messages?session_id=" + rental.getString("session_id"), null, 200);
      assertThat(messages.getJsonArray("messages")).hasSize(1);
      assertThat(messages.getJsonArray("messages").getJsonObject(0).getString("code")).isEqualTo("424242");

      assertThat(b.terminate(40, TimeUnit.SECONDS)).isEqualTo(143);
      assertThat(b.output()).anyMatch(l -> l.endsWith("Main - stopped"));
      // node A goes on serving after B has left
      call(httpA, "GET", "/api/numbers?country=US", null, 200);
      assertThat(a.terminate(40, TimeUnit.SECONDS)).isEqualTo(143);
    }
  }
}
