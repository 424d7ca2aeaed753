package dev.inlet.durability;

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
 * A node run as its own process from {@code node/target/inlet.jar}, configured through INLET_* variables, whose
 * output is collected line by line (with the time each line was read). It can be killed with SIGKILL, as a crash,
 * a kernel OOM kill or a pulled plug would end it: no shutdown hook, no unbind, nothing flushed.
 */
final class NodeJar implements AutoCloseable {

  /**
   * The jar: surefire runs in the tests module, exec:java in the directory Maven was started from (the root with
   * {@code -pl tests}), so it is looked for from the project root Maven reports, then from both.
   */
  static final Path JAR = locateJar();

  private static Path locateJar() {
    List<Path> candidates = new ArrayList<>();
    String root = System.getProperty("maven.multiModuleProjectDirectory");
    if (root != null) {
      candidates.add(Path.of(root, "node", "target", "inlet.jar"));
    }
    candidates.add(Path.of("node", "target", "inlet.jar"));
    candidates.add(Path.of("..", "node", "target", "inlet.jar"));
    return candidates.stream().map(p -> p.toAbsolutePath().normalize()).filter(p -> p.toFile().isFile()).findFirst()
        .orElse(candidates.get(candidates.size() - 1).toAbsolutePath().normalize());
  }

  /** One line of output and when it was read ({@link System#nanoTime()}). */
  record Line(String text, long nanos) {
  }

  private final Process process;
  private final long startedNanos;
  private final List<Line> output = new ArrayList<>();
  private final Thread reader;

  private NodeJar(Process process, long startedNanos) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.reader = new Thread(this::read, "node-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static NodeJar start(Path workDir, Map<String, String> env, String... args) throws IOException {
    if (!JAR.toFile().isFile()) {
      throw new IllegalStateException(JAR + " is missing: build the node first (mvn -B -q -o install -DskipTests)");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("INLET_"));
    pb.environment().putAll(env);
    long started = System.nanoTime();
    return new NodeJar(pb.start(), started);
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (this) {
          output.add(new Line(line, System.nanoTime()));
          notifyAll();
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  long pid() {
    return process.pid();
  }

  /** When {@link ProcessBuilder#start()} was called ({@link System#nanoTime()}). */
  long startedNanos() {
    return startedNanos;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until a line containing {@code text} has been printed; false if the process ended or time ran out. */
  synchronized boolean awaitLine(String text, long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (indexOf(text) < 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
    return true;
  }

  /** The index of the first line containing {@code text}, or -1. */
  synchronized int indexOf(String text) {
    for (int i = 0; i < output.size(); i++) {
      if (output.get(i).text().contains(text)) {
        return i;
      }
    }
    return -1;
  }

  synchronized List<Line> output() {
    return List.copyOf(output);
  }

  /** The last {@code n} lines, for failure messages. */
  synchronized String tail(int n) {
    StringBuilder sb = new StringBuilder();
    output.subList(Math.max(0, output.size() - n), output.size()).forEach(l -> sb.append(l.text()).append('\n'));
    return sb.toString();
  }

  /** SIGKILL ({@code destroyForcibly} on Linux), then waits until the process is gone. */
  void kill9(long timeout, TimeUnit unit) throws InterruptedException {
    process.toHandle().destroyForcibly();
    if (!process.waitFor(timeout, unit)) {
      throw new IllegalStateException("node " + process.pid() + " survived SIGKILL for " + timeout + " " + unit);
    }
  }

  /** Sends a signal with kill(1): {@code STOP} freezes the process (as a long GC pause or a hung VM would), {@code CONT} thaws it. */
  void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** SIGTERM and waits for the exit code (-1 if it did not exit in time; it is then killed). */
  int terminate(long timeout, TimeUnit unit) throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(timeout, unit)) {
      process.destroyForcibly();
      return -1;
    }
    reader.join(unit.toMillis(timeout));
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
