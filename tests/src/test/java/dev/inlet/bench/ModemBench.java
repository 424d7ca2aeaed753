package dev.inlet.bench;

import dev.inlet.modem.ModemVerticle;
import dev.inlet.modem.emulator.DeliverPdus;
import dev.inlet.modem.emulator.ModemEmulator;
import dev.inlet.modem.emulator.PtyPair;
import dev.inlet.node.InletNode;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.system.Nodes;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Messages per second from {@code +CMTI} to stored (and deleted from the SIM) through the modem verticle: one
 * emulated port, and a bank of 64, each a socat pty pair with the modem emulator on the far side. Every
 * message takes the whole modem path: {@code +CMTI}, {@code AT+CMGR}, PDU decoding, the bus request, the store's
 * answer, {@code AT+CMGD}. In the same run, the same ports and emulators deliver to a do-nothing receiver that
 * answers "stored" at once (the baseline), then to a lab node's router storing in its embedded store.
 * Latency is per message, from its {@code +CMTI} to its {@code AT+CMGD}; "longest wait" is the longest of any
 * message on any port. Run: {@code mvn -B -q -Pbench -pl tests exec:exec@modem-bench}
 * ({@code -Dbench.jvmArgs="-Dbench.modem.single=4000 -Dbench.modem.bankPerPort=200 -Dbench.modem.rounds=2"}).
 * Each round runs the four setups alternating, so that the load of a shared machine weighs on both sides alike.
 */
public final class ModemBench {

  private static final int SINGLE = Integer.getInteger("bench.modem.single", 4000);
  private static final int BANK = Integer.getInteger("bench.modem.bank", 64);
  private static final int BANK_PER_PORT = Integer.getInteger("bench.modem.bankPerPort", 200);
  private static final int WARMUP_PER_PORT = Integer.getInteger("bench.modem.warmupPerPort", 20);
  private static final int ROUNDS = Integer.getInteger("bench.modem.rounds", 2);
  private static final int SIM_SLOTS = 50;
  private static final OffsetDateTime SCTS = OffsetDateTime.of(2026, 11, 29, 12, 0, 0, 0, ZoneOffset.UTC);

  private record Result(int messages, double rate, double p50, double p99, double longest, double firstPortDone,
                        double lastPortDone) {
  }

  private ModemBench() {
  }

  public static void main(String[] args) throws Exception {
    System.out.printf("Inlet modem benchmark: %d cores, Java %s; one port with %d messages, a bank of %d ports with %d each"
            + " (%d warm-up per port); SIM of %d slots, the rest held by the network%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), SINGLE, BANK, BANK_PER_PORT,
        WARMUP_PER_PORT, SIM_SLOTS);
    List<Result[]> rounds = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      // alternating, so a neighbour's load on a shared machine weighs on both sides alike
      rounds.add(new Result[] {run(1, SINGLE, true), run(1, SINGLE, false), run(BANK, BANK_PER_PORT, true),
          run(BANK, BANK_PER_PORT, false)});
    }
    System.out.println();
    System.out.printf("%-52s %8s %10s %9s %9s %12s %22s%n", "round: setup (latency: +CMTI -> AT+CMGD)", "messages",
        "msg/s", "p50 ms", "p99 ms", "longest ms", "ports done at (s)");
    for (int round = 0; round < rounds.size(); round++) {
      Result[] r = rounds.get(round);
      String n = (round + 1) + ": ";
      print(n + "1 port, do-nothing receiver", r[0]);
      print(n + "1 port, router + embedded store", r[1]);
      print(n + BANK + " ports, do-nothing receiver", r[2]);
      print(n + BANK + " ports, router + embedded store", r[3]);
    }
    for (int round = 0; round < rounds.size(); round++) {
      Result[] r = rounds.get(round);
      System.out.printf("round %d, ratio inlet/do-nothing: %.2f (1 port), %.2f (%d ports)%n", round + 1,
          r[1].rate / r[0].rate, r[3].rate / r[2].rate, BANK);
    }
    System.exit(0);
  }

  private static void print(String name, Result r) {
    System.out.printf("%-52s %,8d %,10.0f %9.2f %9.2f %12.2f %10.2f .. %-9.2f%n", name, r.messages, r.rate, r.p50, r.p99,
        r.longest, r.firstPortDone, r.lastPortDone);
  }

  private static String number(int port) {
    return "+4915200" + String.format("%05d", port);
  }

  private static Result run(int ports, int perPort, boolean baseline) throws Exception {
    Path dir = Files.createTempDirectory("inlet-modem-bench");
    List<PtyPair> ptys = new ArrayList<>();
    List<ModemEmulator> modems = new ArrayList<>();
    JsonArray config = new JsonArray();
    for (int i = 0; i < ports; i++) {
      PtyPair pty = new PtyPair(dir, "ttyBENCH" + i).start();
      ptys.add(pty);
      modems.add(new ModemEmulator(pty.emulatorLink().toString(), SIM_SLOTS, number(i)).attach());
      config.add(new JsonObject().put("port", pty.modemLink().toString()).put("number", number(i)).put("country", "DE"));
    }
    JsonObject modem = new JsonObject().put("ports", config).put("routeTimeoutMs", 30000).put("commandTimeoutMs", 10000)
        .put("listIntervalMs", 60000);
    Vertx vertx;
    InletNode node = null;
    CountDownLatch ready = new CountDownLatch(ports);
    Set<String> readyPorts = new HashSet<>();
    if (baseline) {
      vertx = Vertx.vertx();
      MessageCodecs.register(vertx);
      watch(vertx, ready, readyPorts);
      for (int i = 0; i < ports; i++) {
        vertx.eventBus().<InboundSms>consumer(Addresses.numberInbound(number(i)),
            m -> m.reply(new SmsReceipt(m.body().id(), SmsReceipt.Disposition.UNMATCHED, null)));
      }
      vertx.deployVerticle(new ModemVerticle(), new DeploymentOptions().setConfig(modem.copy().put("mode", "lab")
          .put("storage", new JsonObject().put("kind", "memory")))).await(30, TimeUnit.SECONDS);
    } else {
      JsonObject overrides = Nodes.lab(Nodes.freePort()).put("roles", new JsonArray().add("pool").add("router"))
          .put("modem", modem);
      node = Nodes.start(overrides).await(60, TimeUnit.SECONDS);
      vertx = node.vertx();
      watch(vertx, ready, readyPorts);
      // the modem role last, as the node does: status is watched before its ports open
      vertx.deployVerticle(new ModemVerticle(), new DeploymentOptions().setConfig(modem.copy().put("mode", "lab")
          .put("storage", node.config().getJsonObject("storage")))).await(30, TimeUnit.SECONDS);
    }
    if (!ready.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("ports not ready: " + readyPorts.size() + " of " + ports);
    }
    deliver(modems, Math.max(WARMUP_PER_PORT, 400 / ports), "warm-up");
    awaitEmpty(modems);
    int[] skip = modems.stream().mapToInt(m -> m.cycleNanos().size()).toArray();

    long start = System.nanoTime();
    deliver(modems, perPort, "bench");
    awaitEmpty(modems);
    long end = System.nanoTime();

    List<Long> cycles = new ArrayList<>();
    List<Long> done = new ArrayList<>();
    for (int i = 0; i < modems.size(); i++) {
      List<Long> c = modems.get(i).cycleNanos();
      cycles.addAll(c.subList(skip[i], c.size()));
      done.add(modems.get(i).lastDeletionNanos() - start);
    }
    cycles.sort(Comparator.naturalOrder());
    done.sort(Comparator.naturalOrder());
    int total = ports * perPort;
    Result r = new Result(total, total / ((end - start) / 1e9), ms(cycles.get(cycles.size() / 2)),
        ms(cycles.get((int) (cycles.size() * 0.99))), ms(cycles.get(cycles.size() - 1)), done.get(0) / 1e9,
        done.get(done.size() - 1) / 1e9);
    System.out.printf("  %d port(s), %s: %,d messages in %.2f s%n", ports, baseline ? "do-nothing receiver" : "Inlet",
        total, (end - start) / 1e9);

    if (node != null) {
      node.stop().await(30, TimeUnit.SECONDS);
    } else {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    for (ModemEmulator m : modems) {
      m.close();
    }
    for (PtyPair p : ptys) {
      p.close();
    }
    Files.deleteIfExists(dir);
    return r;
  }

  private static void watch(Vertx vertx, CountDownLatch ready, Set<String> readyPorts) throws Exception {
    vertx.eventBus().<JsonObject>consumer(Addresses.STATUS_MODEMS, m -> {
      synchronized (readyPorts) {
        if ("READY".equals(m.body().getString("state")) && readyPorts.add(m.body().getString("id"))) {
          ready.countDown();
        }
      }
    }).completion().await(10, TimeUnit.SECONDS);
  }

  /** Round-robin over the ports, so every port's flood starts at once. */
  private static void deliver(List<ModemEmulator> modems, int perPort, String tag) {
    for (int n = 0; n < perPort; n++) {
      for (int i = 0; i < modems.size(); i++) {
        modems.get(i).deliver(DeliverPdus.ucs2("+4917600000000", tag + " " + i + "/" + n + " code 123456", SCTS));
      }
    }
  }

  private static void awaitEmpty(List<ModemEmulator> modems) throws InterruptedException {
    for (ModemEmulator m : modems) {
      if (!m.awaitEmpty(Duration.ofMinutes(5))) {
        throw new IllegalStateException("a port did not empty its SIM in 5 minutes");
      }
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
