package dev.inlet.durability;

import java.time.Duration;

/**
 * The kill -9 scenario at scale ({@link KillNineScenario}): 20,000 messages, the node killed with SIGKILL once half
 * are acknowledged, restarted, and every unacknowledged message delivered again. Prints what was acknowledged, what
 * PostgreSQL holds, and how long the restart took. Not a test: {@code mvn -B -q -Pbench -DskipTests verify} runs it
 * (execution {@code kill-nine-bench} of tests/pom.xml; alone: {@code mvn -B -q -o -Pbench -pl tests
 * exec:java@kill-nine-bench}). System properties: {@code bench.kill.messages} (20000), {@code bench.kill.senders}
 * (32: more deliveries in flight when the node dies than the test's 8), {@code bench.kill.at} (0.5, the acknowledged
 * share at which the node is killed), {@code bench.kill.lostAcks} (200: messages acknowledged before the kill that
 * the SMSC delivers again after the restart, as if their acks had been lost), {@code durability.log} (true prints
 * both nodes' output with the time since their start).
 */
public final class KillNineBench {

  private KillNineBench() {
  }

  public static void main(String[] args) throws Exception {
    int messages = Integer.getInteger("bench.kill.messages", 20_000);
    int senders = Integer.getInteger("bench.kill.senders", 32);
    double killAt = Double.parseDouble(System.getProperty("bench.kill.at", "0.5"));
    int lostAcks = Integer.getInteger("bench.kill.lostAcks", 200);
    KillNineScenario.Result r = new KillNineScenario(new KillNineScenario.Settings(messages, senders, killAt,
        lostAcks, Duration.ofMinutes(10))).run();
    boolean sound = r.missing().isEmpty() && r.missingAtKill().isEmpty() && r.storedTwice().isEmpty()
        && r.unfinished().isEmpty() && r.rejected().isEmpty() && r.lostAcksAnsweredOk() == r.lostAcksReplayed();
    System.out.println();
    System.out.println("Inlet kill -9 bench (production node, PostgreSQL + Redis, jSMPP SMSC)");
    System.out.print(r.report());
    System.out.println("  " + (sound ? "OK: every acknowledged message stored exactly once"
        : "FAILED: acknowledged messages lost or stored twice (see above)"));
    if (!r.missing().isEmpty()) {
      System.out.println("  missing counters (first 20): " + r.missing().stream().limit(20).toList());
    }
    if (!r.storedTwice().isEmpty()) {
      System.out.println("  stored twice (counter=rows, first 20): "
          + r.storedTwice().entrySet().stream().limit(20).toList());
    }
    // each bench runs in a JVM of its own (exec:exec): the exit code says whether the run was sound
    System.exit(sound ? 0 : 1);
  }
}
