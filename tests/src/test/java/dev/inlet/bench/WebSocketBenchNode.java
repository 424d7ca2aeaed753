package dev.inlet.bench;

import dev.inlet.node.InletNode;
import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.system.Nodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The node side of {@link WebSocketBench}, in a JVM of its own so that its heap is the node's alone: a lab node
 * (pool, router, HTTP; embedded store) with {@value #NUMBERS} numbers, and a do-nothing WebSocket server as the
 * baseline. Commands on stdin, one answer line each on stdout:
 * <ul>
 *   <li>{@code inject <rate>}: one InboundSms to each of the numbers, handed to the router as the SMPP verticle
 *       does, paced at {@code rate} a second; the text carries {@code System.nanoTime()} taken just before
 *       (CLOCK_MONOTONIC: comparable between processes of one machine);</li>
 *   <li>{@code baseline <rate>}: the same nanoTime written straight to each socket of the do-nothing server;</li>
 *   <li>{@code heap}: heap in use after a full collection.</li>
 * </ul>
 */
public final class WebSocketBenchNode {

  static final int NUMBERS = Integer.getInteger("bench.ws.clients", 10_000);
  static final String FIRST = "+12125550000";

  private WebSocketBenchNode() {
  }

  public static void main(String[] args) throws Exception {
    int port = Nodes.freePort();
    JsonObject conf = Nodes.lab(port)
        .put("roles", new JsonArray().add("pool").add("router").add("http"))
        .put("pool", new JsonObject().put("rentalSeconds", 3600).put("numbers", new JsonArray())
            .put("lab", new JsonObject().put("ranges", new JsonArray().add(new JsonObject()
                .put("country", "US").put("first", FIRST).put("count", NUMBERS)))))
        // no abuse limits in the way of one bench key renting ten thousand numbers
        .put("limits", new JsonObject().put("rentalsPerHour", 0).put("requestsPerSecond", 0)
            .put("concurrentRentals", 0).put("webSocketsPerKey", 0).put("webSocketsPerSession", 0));
    InletNode node = Nodes.start(conf).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    Vertx vertx = node.vertx();
    List<ServerWebSocket> bare = new CopyOnWriteArrayList<>();
    HttpServer baseline = vertx.createHttpServer().webSocketHandler(bare::add).listen(0, "127.0.0.1").await();
    SmsIngest ingest = new SmsIngest(vertx.eventBus(), 30_000);
    System.out.println("ready " + port + " " + baseline.actualPort());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] cmd = line.trim().split(" ");
      switch (cmd[0]) {
        case "inject" -> {
          int failed = inject(ingest, Integer.parseInt(cmd[1]));
          System.out.println("injected " + NUMBERS + " failed " + failed);
        }
        case "baseline" -> {
          pace(Integer.parseInt(cmd[1]), bare.size(), i -> {
            ServerWebSocket ws = bare.get(i);
            String text = "bench " + System.nanoTime();
            vertx.runOnContext(v -> ws.writeTextMessage(text));
          });
          System.out.println("pushed " + bare.size());
        }
        case "heap" -> System.out.println("heap " + heapAfterGc());
        case "quit" -> {
          node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
          System.exit(0);
        }
        default -> System.out.println("unknown " + line);
      }
    }
    System.exit(0);
  }

  /** One message to each number, paced; answers how many the router did not take. */
  private static int inject(SmsIngest ingest, int rate) throws Exception {
    Semaphore inFlight = new Semaphore(512);
    int[] failed = {0};
    long prefix = Long.parseLong(FIRST.substring(1));
    pace(rate, NUMBERS, i -> {
      inFlight.acquireUninterruptibly();
      String id = UUID.randomUUID().toString();
      String to = "+" + (prefix + i);
      InboundSms sms = new InboundSms(id, to, "Bench", "bench " + System.nanoTime(), Instant.now(), "bench", "1",
          "bench:" + id, null);
      Future<?> routed = ingest.route(sms);
      routed.onComplete(ar -> {
        if (ar.failed()) {
          synchronized (failed) {
            failed[0]++;
          }
        }
        inFlight.release();
      });
    });
    inFlight.acquire(512);
    return failed[0];
  }

  interface Step {
    void run(int i) throws Exception;
  }

  /** Runs {@code count} steps at {@code rate} a second (in bursts of a millisecond's worth). */
  static void pace(int rate, int count, Step step) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + (long) i * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 1_000_000) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      step.run(i);
    }
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
