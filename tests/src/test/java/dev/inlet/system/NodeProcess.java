package dev.inlet.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node run the way the README runs it: {@code java -jar node/target/inlet.jar}, as a process of its
 * own, configured through INLET_* variables. Its output is collected line by line; tests wait for a line.
 */
final class NodeProcess implements AutoCloseable {

  static final Path JAR = Path.of("..", "node", "target", "inlet.jar").toAbsolutePath().normalize();

  private final Process process;
  private final List<String> output = new ArrayList<>();
  private final Thread reader;

  private NodeProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "node-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static NodeProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
    if (!JAR.toFile().isFile()) {
      throw new IllegalStateException(JAR + " is missing: build the node first (mvn -DskipTests package)");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dhazelcast.wait.seconds.before.join=0", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("INLET_"));
    pb.environment().putAll(env);
    return new NodeProcess(pb.start());
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (this) {
          output.add(line);
          notifyAll();
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  /** Waits until a line containing {@code text} has been printed; false if the process ended or time ran out first. */
  synchronized boolean awaitLine(String text, long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (output.stream().noneMatch(l -> l.contains(text))) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
    return true;
  }

  synchronized List<String> output() {
    return List.copyOf(output);
  }

  synchronized String outputText() {
    return String.join("\n", output);
  }

  /** Sends SIGTERM (Process.destroy would also close our end of its output) and waits for the exit code. */
  int terminate(long timeout, TimeUnit unit) throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(timeout, unit)) {
      throw new IllegalStateException("the node did not stop within " + timeout + " " + unit + ":\n" + outputText());
    }
    reader.join(unit.toMillis(timeout));
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
