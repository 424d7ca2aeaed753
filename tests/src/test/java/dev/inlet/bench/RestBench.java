package dev.inlet.bench;

import dev.inlet.http.HttpVerticle;
import dev.inlet.pool.PoolVerticle;
import dev.inlet.router.RouterVerticle;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.config.InletConfig;
import dev.inlet.shared.config.Role;
import dev.inlet.shared.message.InboundSms;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * REST throughput: N concurrent clients looping over HTTP/1.1 keep-alive on one node (pool, router, HTTP verticles in
 * one Vert.x, embedded store, limits off), against a do-nothing HTTP server answering the same requests in the same
 * run: (1) rent + poll (GET /api/messages) + release cycles; (2) polls of an inbox of 10 messages. Prints cycles/s,
 * p50/p99 per cycle and the core count. Run: {@code mvn -B -q -Pbench -pl tests exec:exec@rest-bench}
 * (-Dbench.jvmArgs="-Dbench.clients=32 -Dbench.seconds=10 -Dbench.storage=memory").
 */
public final class RestBench {

  private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
  private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 3);
  private static final String KEY = "bench-key-0123456789";

  private RestBench() {
  }

  record Result(double rate, double p50, double p99) {
  }

  public static void main(String[] args) throws Exception {
    System.out.printf("Inlet REST benchmark: %d cores, %d clients, %d s after %d s warm-up, Java %s%n",
        Runtime.getRuntime().availableProcessors(), CLIENTS, SECONDS, WARMUP_SECONDS,
        System.getProperty("java.version"));
    Vertx vertx = Vertx.vertx();
    MessageCodecs.register(vertx);
    int baselinePort = doNothingServer(vertx);
    int inletPort = inletNode(vertx);
    WebClient base = client(vertx, baselinePort);
    WebClient inlet = client(vertx, inletPort);

    Result baseCycle = run(c -> base.post("/api/rent").sendJsonObject(new JsonObject().put("country", "US"))
        .compose(r -> base.get("/api/messages?session_id=x").send())
        .compose(r -> base.post("/api/release").sendJsonObject(new JsonObject().put("session_id", "x"))));
    Result inletCycle = run(c -> authorized(inlet.post("/api/rent")).sendJsonObject(new JsonObject().put("country", "US"))
        .compose(r -> {
          String session = ok(r).getString("session_id");
          return authorized(inlet.get("/api/messages?session_id=" + session)).send()
              .compose(m -> authorized(inlet.post("/api/release"))
                  .sendJsonObject(new JsonObject().put("session_id", session)));
        }));

    String session = ok(authorized(inlet.post("/api/rent")).sendJsonObject(new JsonObject().put("country", "GB"))
        .await()).getString("session_id");
    String number = ok(authorized(inlet.get("/api/sessions/" + session)).send().await()).getString("number");
    SmsIngest ingest = new SmsIngest(vertx.eventBus(), 5000);
    for (int i = 0; i < 10; i++) {
      String id = UUID.randomUUID().toString();
      ingest.route(new InboundSms(id, number, "Bench", "Your code is " + (100000 + i), Instant.now(), "bench", "1",
          "bench:" + id, null)).await();
    }
    Result basePoll = run(c -> base.get("/api/messages?session_id=x").send());
    Result inletPoll = run(c -> authorized(inlet.get("/api/messages?session_id=" + session)).send());

    System.out.println();
    System.out.printf("%-62s %10s %9s %9s%n", "loop (" + CLIENTS + " clients, keep-alive)", "per s", "p50 ms", "p99 ms");
    print("baseline: do-nothing server, POST + GET + POST", baseCycle);
    print("inlet:    rent + poll messages + release", inletCycle);
    print("baseline: do-nothing server, GET", basePoll);
    print("inlet:    poll an inbox of 10 messages (GET /api/messages)", inletPoll);
    System.out.printf("ratio inlet/baseline: %.2f (rent+poll+release cycles), %.2f (polls)%n",
        inletCycle.rate / baseCycle.rate, inletPoll.rate / basePoll.rate);
    System.exit(0);
  }

  private static void print(String name, Result r) {
    System.out.printf("%-62s %,10.0f %9.2f %9.2f%n", name, r.rate, r.p50, r.p99);
  }

  private static io.vertx.ext.web.client.HttpRequest<Buffer> authorized(io.vertx.ext.web.client.HttpRequest<Buffer> r) {
    return r.putHeader("Authorization", "Bearer " + KEY);
  }

  private static JsonObject ok(HttpResponse<Buffer> r) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException("expected 200, got " + r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  private static WebClient client(Vertx vertx, int port) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(CLIENTS));
  }

  /** Runs CLIENTS loops of {@code cycle} for the warm-up, then measures for SECONDS. */
  private static Result run(Function<Integer, Future<?>> cycle) {
    long warmEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
    loops(cycle, warmEnd, null);
    List<Long> latencies = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + SECONDS * 1_000_000_000L;
    loops(cycle, end, latencies);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted;
    synchronized (latencies) {
      sorted = latencies.stream().mapToLong(Long::longValue).toArray();
    }
    Arrays.sort(sorted);
    return new Result(sorted.length / elapsed, sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
  }

  private static void loops(Function<Integer, Future<?>> cycle, long endNanos, List<Long> latencies) {
    List<Future<Void>> all = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      Promise<Void> done = Promise.promise();
      loop(c, cycle, endNanos, latencies, done);
      all.add(done.future());
    }
    Future.all(all).await();
  }

  private static void loop(int c, Function<Integer, Future<?>> cycle, long endNanos, List<Long> latencies,
                           Promise<Void> done) {
    if (System.nanoTime() >= endNanos) {
      done.complete();
      return;
    }
    long t0 = System.nanoTime();
    cycle.apply(c).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      if (latencies != null) {
        synchronized (latencies) {
          latencies.add(System.nanoTime() - t0);
        }
      }
      loop(c, cycle, endNanos, latencies, done);
    });
  }

  /** Answers every request with a small fixed JSON body after reading it, as cheaply as vertx-web can. */
  private static int doNothingServer(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    router.route().handler(ctx -> ctx.json(new JsonObject().put("session_id", "x").put("messages", new JsonArray())));
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
  }

  /** Pool, router and HTTP verticles as a lab node deploys them, 2,000 US numbers, no cooling-off, no limits. */
  private static int inletNode(Vertx vertx) {
    JsonArray numbers = new JsonArray();
    for (int i = 0; i < 2000; i++) {
      numbers.add(new JsonObject().put("number", "+1646555" + String.format("%04d", i)).put("country", "US"));
    }
    numbers.add(new JsonObject().put("number", "+447700900999").put("country", "GB"));
    JsonObject node = new JsonObject()
        .put("mode", "production")
        .put("storage", new JsonObject().put("kind", System.getProperty("bench.storage", "embedded")))
        .put("retention", new JsonObject().put("hours", 24).put("purgeIntervalMs", 600_000))
        .put("pool", new JsonObject().put("numbers", numbers).put("graceSeconds", 0).put("cooldownSeconds", 0)
            .put("rentalSeconds", 600))
        .put("router", new JsonObject().put("dedupWindowSeconds", 600))
        .put("limits", new JsonObject().put("rentalsPerHour", 0).put("requestsPerSecond", 0)
            .put("concurrentRentals", 0))
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0)
            .put("apiKeys", new JsonArray().add(KEY)));
    HttpVerticle http = new HttpVerticle();
    vertx.deployVerticle(new PoolVerticle(), options(node, Role.POOL)).await();
    vertx.deployVerticle(new RouterVerticle(), options(node, Role.ROUTER)).await();
    vertx.deployVerticle(http, options(node, Role.HTTP)).await();
    return http.actualPort();
  }

  private static DeploymentOptions options(JsonObject node, Role role) {
    return new DeploymentOptions().setConfig(InletConfig.forRole(node, role));
  }
}
