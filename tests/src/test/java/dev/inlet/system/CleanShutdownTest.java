package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, as a separate process: it comes up in lab mode and SIGTERM stops it cleanly. */
class CleanShutdownTest {

  private static final Path JAR = Path.of("..", "node", "target", "inlet.jar").toAbsolutePath().normalize();

  @TempDir
  Path workDir;

  @Test
  @DisplayName("a lab node started from the jar serves the API, and on SIGTERM stops everything and exits")
  void sigterm() throws Exception {
    assertThat(JAR).as("build the node first: mvn -DskipTests package").exists();
    int port = Nodes.freePort();
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString())
        .directory(workDir.toFile())
        .redirectErrorStream(true);
    pb.environment().put("INLET_HTTP_PORT", String.valueOf(port));
    pb.environment().put("INLET_HTTP_HOST", "127.0.0.1");
    pb.environment().put("INLET_LAB_SMSC_PORT", "0");
    pb.environment().remove("INLET_API_KEY");
    Process process = pb.start();
    List<String> output = new CopyOnWriteArrayList<>();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          output.add(line);
          if (line.contains("Inlet lab node ready")) {
            ready.countDown();
          }
        }
      } catch (Exception ignored) {
        // the process ended
      }
    });
    reader.start();
    try {
      assertThat(ready.await(60, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
      String key = output.stream().filter(l -> l.contains("API key")).findFirst().orElseThrow()
          .replaceAll(".*: ", "").trim();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> numbers = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/numbers"))
          .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(numbers.statusCode()).as(numbers.body()).isEqualTo(200);
      assertThat(key).startsWith("lab_");

      process.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
      assertThat(process.waitFor(40, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
      reader.join(5000);
      assertThat(process.exitValue()).isEqualTo(143);
      assertThat(output).anyMatch(l -> l.contains("unbound from")); // the SMPP session was unbound, not dropped
      assertThat(output).anyMatch(l -> l.endsWith("Main - stopped"));
    } finally {
      process.destroyForcibly();
    }
  }
}
