package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;

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

/** What a node started from the jar shows: never a configured key; Vert.x's own metrics at /metrics. */
class NodeOutputTest {

  private static final String KEY = "configured-secret-key-0123456789";

  @TempDir
  Path workDir;

  @Test
  @DisplayName("a configured API key is never printed, and works; /metrics counts requests by route and status")
  void configuredKeyNotPrinted() throws Exception {
    int port = Nodes.freePort();
    try (NodeProcess node = NodeProcess.start(workDir, Map.of("INLET_HTTP_PORT", String.valueOf(port),
        "INLET_HTTP_HOST", "127.0.0.1", "INLET_LAB_SMSC_PORT", "0", "INLET_API_KEY", KEY))) {
      assertThat(node.awaitLine("Inlet lab node ready", 60, TimeUnit.SECONDS)).as(node.outputText()).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> numbers = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/numbers")).header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(numbers.statusCode()).as(numbers.body()).isEqualTo(200);
      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).containsPattern("vertx_http_server_requests_total\\{[^}]*code=\"200\"[^}]*"
          + "route=\"/api/numbers\"");
      assertThat(node.terminate(40, TimeUnit.SECONDS)).isEqualTo(143);
      assertThat(node.outputText()).doesNotContain(KEY).contains("not printed");
    }
  }
}
