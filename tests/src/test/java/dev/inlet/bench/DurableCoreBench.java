package dev.inlet.bench;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import dev.inlet.node.InletNode;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.SessionQuery;
import dev.inlet.shared.store.StoreBackend;
import dev.inlet.shared.store.Stores;
import dev.inlet.smpp.JsmppSmsc;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.session.SMPPServerSession;

/**
 * The durable core's benchmark, on PostgreSQL and Redis (database {@code inlet_bench}, Redis db 4, both emptied):
 * <ol>
 *   <li>(a) deliver_sm from an independent SMSC (jSMPP, blocking senders) through one bind into a production node,
 *       stored in PostgreSQL before the ack, against a do-nothing receiver driven by the same SMSC in the same run,
 *       alternating in {@code bench.smpp.rounds} rounds (3) after a warm-up of each ({@code bench.smpp.warmup},
 *       200,000: the JIT compiles the node's path meanwhile); the medians are the figures;</li>
 *   <li>(b) rent + release pairs per second and their p99 over the bus with pools of 10,000 and 1,000,000 numbers,
 *       and the node's start time with each.</li>
 * </ol>
 * Run with {@code mvn -B -q -Pbench -DskipTests verify} (the README's bench command); sizes with
 * {@code -Dbench.smpp.messages}, {@code -Dbench.smpp.senders}, {@code -Dbench.smpp.window}, {@code -Dbench.pool.sizes}, {@code -Dbench.pool.seconds}.
 */
public final class DurableCoreBench {

  private static final int MESSAGES = Integer.getInteger("bench.smpp.messages", 40_000);
  /** Messages sent before each measured run (the JIT compiles the node's path meanwhile). */
  private static final int WARMUP = Integer.getInteger("bench.smpp.warmup", 200_000);
  /** Rounds of do-nothing then Inlet: the machine is shared and noisy, so the medians are reported. */
  private static final int ROUNDS = Integer.getInteger("bench.smpp.rounds", 3);
  private static final int SENDERS = Integer.getInteger("bench.smpp.senders", 64);
  private static final int RENTED = 100;
  private static final int WINDOW = Integer.getInteger("bench.smpp.window", 64);
  private static final String POOL_SIZES = System.getProperty("bench.pool.sizes", "10000,1000000");
  private static final int POOL_SECONDS = Integer.getInteger("bench.pool.seconds", 10);
  private static final int POOL_CONCURRENCY = Integer.getInteger("bench.pool.concurrency", 16);

  private DurableCoreBench() {
  }

  public static void main(String[] args) throws Exception {
    System.out.printf("Inlet durable-core benchmark: %d cores, Java %s, PostgreSQL %s + Redis%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), BenchDatabase.DB);
    String parts = System.getProperty("bench.parts", "smpp,pool");
    if (parts.contains("smpp")) {
      smpp();
    }
    if (parts.contains("pool")) {
      for (String size : POOL_SIZES.split(",")) {
        rentRelease(Integer.parseInt(size.trim()));
      }
    }
    System.exit(0);
  }

  // ---- (a) SMPP into PostgreSQL --------------------------------------------------------------

  private static void smpp() throws Exception {
    BenchDatabase.reset();
    int smscPort = JsmppSmsc.freePort();
    try (DoNothingReceiver receiver = new DoNothingReceiver(WINDOW); JsmppSmsc smsc = new JsmppSmsc(smscPort)) {
      SMPPServerSession baselineSession = receiver.session();
      JsonArray numbers = new JsonArray();
      for (int i = 0; i < RENTED; i++) {
        numbers.add(new JsonObject().put("number", "+491510000" + String.format("%04d", i)).put("country", "DE"));
      }
      JsonObject overrides = BenchDatabase.production(new JsonArray().add("pool").add("router").add("smpp"))
          .put("pool", new JsonObject().put("numbers", numbers))
          .put("smpp", new JsonObject().put("name", "bench").put("host", "127.0.0.1").put("port", smscPort)
              .put("systemId", JsmppSmsc.SYSTEM_ID).put("password", JsmppSmsc.PASSWORD)
              .put("windowSize", WINDOW));
      InletNode node = InletNode.start(null, Map.of(), overrides).await();
      try {
        SMPPServerSession session = smsc.awaitBind(java.time.Duration.ofSeconds(30));
        EventBus bus = node.vertx().eventBus();
        for (int i = 0; i < RENTED; i++) {
          bus.<Rental>request(Addresses.POOL_RENT, new RentRequest(numbers.getJsonObject(i).getString("number"), null,
              null, "bench", 3600)).await();
        }
        String warm = "warm-" + System.nanoTime();
        LoadGenerator.flood(WARMUP, SENDERS, i -> JsmppSmsc.deliver(baselineSession, "+447700900123", "4915100000000",
            0, 0, text(i, warm)), "warm");
        LoadGenerator.flood(WARMUP, SENDERS, i -> JsmppSmsc.deliver(session, "+447700900123",
            numbers.getJsonObject(i % RENTED).getString("number").substring(1), 0, 0, text(i, warm)), "warm");
        System.out.printf("%n(a) deliver_sm, %d senders, window of the bind %d, %d rounds of %d messages after %d of"
            + " warm-up each; in each round the do-nothing receiver, then Inlet (stored in PostgreSQL before the ack)%n",
            SENDERS, WINDOW, ROUNDS, MESSAGES, WARMUP);
        double[] baselines = new double[ROUNDS];
        double[] rates = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
          String base = "baseline-" + round + "-" + System.nanoTime();
          CpuMeter.Reading b0 = CpuMeter.read();
          baselines[round] = LoadGenerator.flood(MESSAGES, SENDERS, i -> JsmppSmsc.deliver(baselineSession,
              "+447700900123", "4915100000000", 0, 0, text(i, base)), "baseline");
          String baselineCpu = CpuMeter.perMessage(b0, CpuMeter.read(), MESSAGES);
          String run = "inlet-" + round + "-" + System.nanoTime();
          CpuMeter.Reading i0 = CpuMeter.read();
          rates[round] = LoadGenerator.flood(MESSAGES, SENDERS, i -> JsmppSmsc.deliver(session, "+447700900123",
              numbers.getJsonObject(i % RENTED).getString("number").substring(1), 0, 0, text(i, run)), "inlet");
          String cpu = CpuMeter.perMessage(i0, CpuMeter.read(), MESSAGES);
          System.out.printf("    round %d: do-nothing %,8.0f msg/s, Inlet %,8.0f msg/s, ratio %.2f%n", round + 1,
              baselines[round], rates[round], rates[round] / baselines[round]);
          System.out.printf("      do-nothing %s%n      Inlet      %s%n", baselineCpu, cpu);
        }
        long stored = BenchDatabase.count("SELECT count(*) FROM messages WHERE session_id IS NOT NULL");
        double baseline = median(baselines);
        double rate = median(rates);
        System.out.printf("    median: do-nothing receiver (ack only)         %,10.0f msg/s%n", baseline);
        System.out.printf("    median: Inlet, stored in PostgreSQL before ack %,10.0f msg/s   ratio %.2f"
            + "   (%,d stored in inboxes)%n", rate, rate / baseline, stored);
      } finally {
        node.stop().await();
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  /** Message {@code i} of a run: "Your code is …", unique per run, so that no two have one dedup key. */
  private static byte[] text(int i, String run) {
    return ("Your code is " + (100000 + i % 900000) + " " + run + "-" + i).getBytes(StandardCharsets.ISO_8859_1);
  }

  // ---- (b) rent + release ------------------------------------------------------------------

  private static void rentRelease(int poolSize) throws Exception {
    BenchDatabase.reset();
    long importStart = System.nanoTime();
    Vertx loader = Vertx.vertx();
    try {
      JsonObject config = BenchDatabase.production(new JsonArray());
      StoreBackend store = Stores.open(loader, config).await();
      List<PoolNumber> numbers = new ArrayList<>(poolSize);
      for (int i = 0; i < poolSize; i++) {
        numbers.add(new PoolNumber("+1" + (2_000_000_000L + i), i % 10 == 0 ? "GB" : "US", List.of("sms")));
      }
      store.pool().addNumbers(numbers).await();
    } finally {
      loader.close().await();
    }
    double importSeconds = (System.nanoTime() - importStart) / 1e9;
    JsonObject overrides = BenchDatabase.production(new JsonArray().add("pool").add("router").add("http"))
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("apiKeys", new JsonArray().add("bench-key")))
        .put("pool", new JsonObject().put("graceSeconds", 1).put("cooldownSeconds", 1));
    long start = System.nanoTime();
    InletNode node = InletNode.start(null, Map.of(), overrides).await();
    double startSeconds = (System.nanoTime() - start) / 1e9;
    try {
      EventBus bus = node.vertx().eventBus();
      runPairs(bus, 3);
      long[] latencies = runPairs(bus, POOL_SECONDS);
      double rate = latencies.length / (double) POOL_SECONDS;
      Arrays.sort(latencies);
      System.out.printf("%n(b) pool of %,d numbers (imported in %.1f s): node started in %.2f s%n", poolSize,
          importSeconds, startSeconds);
      System.out.printf("    rent (by country) + release over the bus, %d concurrent: %,.0f pairs/s, p50 %.2f ms, p99 %.2f ms%n",
          POOL_CONCURRENCY, rate, percentile(latencies, 0.50), percentile(latencies, 0.99));
    } finally {
      node.stop().await();
    }
  }

  /** Runs rent+release pairs from {@link #POOL_CONCURRENCY} loops for {@code seconds}; answers each pair's latency (ns). */
  private static long[] runPairs(EventBus bus, int seconds) throws Exception {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(10_000);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < POOL_CONCURRENCY; c++) {
      String owner = "bench-" + c;
      io.vertx.core.Promise<Void> loop = io.vertx.core.Promise.promise();
      loops.add(loop.future());
      pair(bus, options, owner, end, latencies, failures, loop);
    }
    Future.all(loops).await();
    if (failures.get() > 0) {
      System.out.printf("    (%d pairs failed)%n", failures.get());
    }
    return latencies.stream().mapToLong(Long::longValue).toArray();
  }

  private static void pair(EventBus bus, DeliveryOptions options, String owner, long end, List<Long> latencies,
                           AtomicInteger failures, io.vertx.core.Promise<Void> loop) {
    if (System.nanoTime() >= end) {
      loop.complete();
      return;
    }
    long t0 = System.nanoTime();
    bus.<Rental>request(Addresses.POOL_RENT, new RentRequest(null, "US", null, owner, 0), options)
        .map(Message::body)
        .compose(r -> bus.request(Addresses.POOL_RELEASE, SessionQuery.byOwner(r.sessionId(), owner), options))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            latencies.add(System.nanoTime() - t0);
          } else {
            failures.incrementAndGet();
          }
          pair(bus, options, owner, end, latencies, failures, loop);
        });
  }

  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
  }

}
