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

  record Reading(long jvmNanos, long postgresNanos) {
  }

  private CpuMeter() {
  }

  static Reading read() {
    long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    return new Reading(jvm, postgresNanos());
  }

  /** "JVM 123 µs, PostgreSQL 45 µs of CPU per message" between two readings. */
  static String perMessage(Reading before, Reading after, int messages) {
    String pg = before.postgresNanos() < 0 || after.postgresNanos() < 0 ? "unknown"
        : String.format("%.0f µs", (after.postgresNanos() - before.postgresNanos()) / 1e3 / messages);
    return String.format("CPU per message: this JVM (SMSC and node) %.0f µs, PostgreSQL %s",
        (after.jvmNanos() - before.jvmNanos()) / 1e3 / messages, pg);
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
          String stat = Files.readString(pid.resolve("stat"));
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (comm.startsWith("postgres")) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
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
