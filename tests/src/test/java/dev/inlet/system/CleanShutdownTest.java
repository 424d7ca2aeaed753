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

/** The README's run command, as a separate process: it comes up in lab mode and SIGTERM stops it cleanly. */
class CleanShutdownTest {

  @TempDir
  Path workDir;

  @Test
  @DisplayName("a lab node started from the jar serves the API, and on SIGTERM unbinds, stops everything and exits")
  void sigterm() throws Exception {
    int port = Nodes.freePort();
    try (NodeProcess node = NodeProcess.start(workDir, Map.of("INLET_HTTP_PORT", String.valueOf(port),
        "INLET_HTTP_HOST", "127.0.0.1", "INLET_LAB_SMSC_PORT", "0"))) {
      assertThat(node.awaitLine(" API key", 60, TimeUnit.SECONDS)).as(node.outputText()).isTrue();
      String key = node.output().stream().filter(l -> l.contains("API key")).findFirst().orElseThrow()
          .replaceAll(".*: ", "").trim();
      assertThat(key).startsWith("lab_");
      HttpResponse<String> numbers = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/numbers"))
              .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(numbers.statusCode()).as(numbers.body()).isEqualTo(200);

      assertThat(node.terminate(40, TimeUnit.SECONDS)).isEqualTo(143);
      assertThat(node.output()).anyMatch(l -> l.contains("unbound from")); // the SMPP session was unbound, not dropped
      assertThat(node.output()).anyMatch(l -> l.endsWith("Main - stopped"));
    }
  }
}
