package dev.inlet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM and by the machine's PostgreSQL processes between two readings: on a shared, noisy
 * machine, CPU time per message says more about a change than wall-clock throughput does. PostgreSQL's share is read
 * from {@code /proc} (Linux; counted as unknown elsewhere), so it includes whatever else PostgreSQL did meanwhile.
 */
final class CpuMeter {

  private static final double TICK_NANOS = 1e9 / 100; // USER_HZ, 100 on Linux

  /**
   * {@code nodeNanos}: CPU of the node's own threads alive at the reading (Vert.x's and Inlet's named threads);
   * {@code runtimeNanos}: the JVM's GC and compiler threads. The rest of {@code jvmNanos} is the load generator's
   * (the SMSC's senders and readers, and the do-nothing receiver's threads), including threads that ended meanwhile.
   */
  record Reading(long jvmNanos, long postgresNanos, long nodeNanos, long runtimeNanos) {
  }

  /** A process's or thread's name and CPU ticks (user + system), from its {@code /proc/.../stat} line. */
  private record Task(String comm, long ticks) {

    static Task of(String stat) {
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new Task(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
          Long.parseLong(f[11]) + Long.parseLong(f[12]));
    }
  }

  private CpuMeter() {
  }

  static Reading read() {
    long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    long[] groups = threadGroupsNanos();
    return new Reading(jvm, postgresNanos(), groups[0], groups[1]);
  }

  /** "JVM 123 µs, PostgreSQL 45 µs of CPU per message" between two readings. */
  static String perMessage(Reading before, Reading after, int messages) {
    String pg = before.postgresNanos() < 0 || after.postgresNanos() < 0 ? "unknown"
        : String.format("%.0f µs", (after.postgresNanos() - before.postgresNanos()) / 1e3 / messages);
    double jvm = (after.jvmNanos() - before.jvmNanos()) / 1e3 / messages;
    double node = (after.nodeNanos() - before.nodeNanos()) / 1e3 / messages;
    double runtime = (after.runtimeNanos() - before.runtimeNanos()) / 1e3 / messages;
    return String.format("CPU per message: this JVM %.0f µs (node %.0f, GC and JIT %.0f, load generator and rest"
        + " %.0f), PostgreSQL %s", jvm, node, runtime, jvm - node - runtime, pg);
  }

  /** CPU of this process's threads by group, read from /proc/self/task: {node, runtime}; zeros elsewhere. */
  private static long[] threadGroupsNanos() {
    Path tasks = Path.of("/proc/self/task");
    long[] ticks = new long[2];
    if (!Files.isDirectory(tasks)) {
      return ticks;
    }
    try (Stream<Path> tids = Files.list(tasks)) {
      for (Path tid : (Iterable<Path>) tids::iterator) {
        try {
          Task task = Task.of(Files.readString(tid.resolve("stat")));
          String comm = task.comm();
          if (comm.startsWith("vert.x-") || comm.startsWith("inlet-")) {
            ticks[0] += task.ticks();
          } else if (comm.startsWith("GC ") || comm.startsWith("G1 ") || comm.contains("CompilerThre")
              || comm.equals("VM Thread")) {
            ticks[1] += task.ticks();
          }
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return ticks;
    }
    return new long[] {(long) (ticks[0] * TICK_NANOS), (long) (ticks[1] * TICK_NANOS)};
  }

  private static long postgresNanos() {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return -1;
    }
    long ticks = 0;
    try (Stream<Path> pids = Files.list(proc)) {
      for (Path pid : (Iterable<Path>) pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))::iterator) {
        try {
          Task process = Task.of(Files.readString(pid.resolve("stat")));
          if (process.comm().startsWith("postgres")) {
            ticks += process.ticks();
          }
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return (long) (ticks * TICK_NANOS);
  }
}
