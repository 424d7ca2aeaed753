package dev.inlet.bench;

import dev.inlet.system.Nodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@value WebSocketBenchNode#NUMBERS} concurrent WebSocket clients on one node, each on its own session: push
 * latency from the InboundSms handed to the router (on the bus) to the client's frame, p50/p99/max, and the node's
 * heap with the sockets open. Baseline in the same run: the same clients on a do-nothing WebSocket server in the
 * node's JVM that writes the timestamp straight to each socket. The node runs in a JVM of its own
 * ({@link WebSocketBenchNode}), so its heap is the node's alone.
 *
 * <p>Run: {@code mvn -B -q -Pwebsocket-bench -pl tests -am -DskipTests verify} (options: -Dbench.ws.clients=10000,
 * -Dbench.ws.rate=1000 pushes a second, via -Dbench.jvmArgs). The script raises {@code ulimit -n} where it may.
 */
public final class WebSocketBench {

  private static final int CLIENTS = WebSocketBenchNode.NUMBERS;
  private static final int RATE = Integer.getInteger("bench.ws.rate", 1000);
  private static final int CONNECTING = 256;
  private static final Pattern STAMP = Pattern.compile("bench (\\d+)");

  private WebSocketBench() {
  }

  public static void main(String[] args) throws Exception {
    System.out.printf("Inlet WebSocket benchmark: %d cores, %d clients each on its own session, pushes paced at %d/s,"
        + " Java %s%n", Runtime.getRuntime().availableProcessors(), CLIENTS, RATE, System.getProperty("java.version"));
    Process nodeProcess = new ProcessBuilder("java", "-Xmx2g", "-Dbench.ws.clients=" + CLIENTS,
        "-Dhazelcast.wait.seconds.before.join=0", "-cp", System.getProperty("java.class.path"),
        WebSocketBenchNode.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader fromNode = new BufferedReader(new InputStreamReader(nodeProcess.getInputStream(),
        StandardCharsets.UTF_8));
    Writer toNode = new OutputStreamWriter(nodeProcess.getOutputStream(), StandardCharsets.UTF_8);
    Vertx vertx = Vertx.vertx();
    try {
      String[] ready = answer(fromNode, "ready ").split(" ");
      int port = Integer.parseInt(ready[1]);
      int baselinePort = Integer.parseInt(ready[2]);
      WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
          new PoolOptions().setHttp1MaxSize(64));
      WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxConnections(CLIENTS * 2).setConnectTimeout(30_000));

      long rentStart = System.nanoTime();
      List<String> sessions = rentAll(web);
      double rentRate = CLIENTS / ((System.nanoTime() - rentStart) / 1e9);
      long heapIdle = heap(toNode, fromNode);

      Latencies baseline = new Latencies(CLIENTS);
      List<WebSocket> bare = openAll(sockets, i -> new WebSocketConnectOptions().setHost("127.0.0.1")
          .setPort(baselinePort).setURI("/"), baseline);
      command(toNode, "baseline " + RATE);
      answer(fromNode, "pushed ");
      baseline.await();
      closeAll(bare);

      Latencies inlet = new Latencies(CLIENTS);
      List<WebSocket> open = openAll(sockets, i -> new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/ws/connect?session_id=" + sessions.get(i)).addHeader("Authorization", "Bearer " + Nodes.API_KEY),
          inlet);
      long heapOpen = heap(toNode, fromNode);
      command(toNode, "inject " + RATE);
      String injected = answer(fromNode, "injected ");
      inlet.await();
      long heapAfter = heap(toNode, fromNode);
      closeAll(open);

      System.out.println();
      System.out.printf("rentals over REST, each of a named number (64 in flight): %,.0f/s%n", rentRate);
      System.out.printf("%-60s %8s %9s %9s %9s%n", "push latency (bus or write -> client frame)", "received", "p50 ms",
          "p99 ms", "max ms");
      baseline.print("baseline: do-nothing server writes to " + CLIENTS + " sockets");
      inlet.print("inlet: InboundSms -> router -> store -> " + CLIENTS + " sockets");
      System.out.printf("ratio inlet/baseline p99: %.2f; %s%n", inlet.p(99) / Math.max(0.001, baseline.p(99)), injected);
      System.out.printf("node heap after GC: %,d MB with the rentals, %,d MB with %d sockets open (%,d KB a socket),"
          + " %,d MB after the pushes%n", heapIdle >> 20, heapOpen >> 20, CLIENTS,
          (heapOpen - heapIdle) / 1024 / CLIENTS, heapAfter >> 20);
      command(toNode, "quit");
    } finally {
      nodeProcess.waitFor(30, TimeUnit.SECONDS);
      nodeProcess.destroyForcibly();
      vertx.close().await();
    }
    System.exit(0);
  }

  /** Rents every number of the node, 64 at a time; answers the session ids. */
  private static List<String> rentAll(WebClient web) throws Exception {
    String[] sessions = new String[CLIENTS];
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(64);
    for (int worker = 0; worker < 64; worker++) {
      rentNext(web, sessions, next, done);
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("renting did not finish");
    }
    return Arrays.asList(sessions);
  }

  private static void rentNext(WebClient web, String[] sessions, AtomicInteger next, CountDownLatch done) {
    int i = next.getAndIncrement();
    if (i >= CLIENTS) {
      done.countDown();
      return;
    }
    // each client rents its own number by name (a country rental searches the pool for a free number)
    long first = Long.parseLong(WebSocketBenchNode.FIRST.substring(1));
    web.post("/api/rent").bearerTokenAuthentication(Nodes.API_KEY)
        .sendJsonObject(new JsonObject().put("number", "+" + (first + i)))
        .onComplete(ar -> {
          if (ar.failed() || ar.result().statusCode() != 200) {
            System.err.println("rent failed: " + (ar.failed() ? ar.cause() : ar.result().bodyAsString()));
          } else {
            sessions[i] = ar.result().bodyAsJsonObject().getString("session_id");
          }
          rentNext(web, sessions, next, done);
        });
  }

  interface Target {
    WebSocketConnectOptions of(int i);
  }

  private static List<WebSocket> openAll(WebSocketClient sockets, Target target, Latencies latencies)
      throws Exception {
    WebSocket[] open = new WebSocket[CLIENTS];
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(CONNECTING);
    for (int worker = 0; worker < CONNECTING; worker++) {
      connectNext(sockets, target, latencies, open, next, done);
    }
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("connecting did not finish");
    }
    List<WebSocket> list = new ArrayList<>();
    for (WebSocket ws : open) {
      if (ws != null) {
        list.add(ws);
      }
    }
    System.out.printf("%d sockets open%n", list.size());
    return list;
  }

  private static void connectNext(WebSocketClient sockets, Target target, Latencies latencies, WebSocket[] open,
                                  AtomicInteger next, CountDownLatch done) {
    int i = next.getAndIncrement();
    if (i >= CLIENTS) {
      done.countDown();
      return;
    }
    sockets.connect(target.of(i)).onComplete(ar -> {
      if (ar.succeeded()) {
        open[i] = ar.result();
        ar.result().textMessageHandler(latencies::received);
      } else {
        System.err.println("socket " + i + " failed: " + ar.cause());
      }
      connectNext(sockets, target, latencies, open, next, done);
    });
  }

  private static void closeAll(List<WebSocket> open) {
    Future.join(open.stream().map(ws -> ws.close()).toList()).await();
  }

  /** Latencies from the nanoTime in each frame (CLOCK_MONOTONIC, shared by the processes of one machine). */
  static final class Latencies {
    private final AtomicLongArray nanos;
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch all;

    Latencies(int expected) {
      nanos = new AtomicLongArray(expected);
      all = new CountDownLatch(expected);
    }

    void received(String text) {
      long now = System.nanoTime();
      Matcher m = STAMP.matcher(text);
      if (m.find()) {
        int i = count.getAndIncrement();
        if (i < nanos.length()) {
          nanos.set(i, now - Long.parseLong(m.group(1)));
          all.countDown();
        }
      }
    }

    void await() throws InterruptedException {
      all.await(CLIENTS / Math.max(1, RATE) + 60, TimeUnit.SECONDS);
    }

    double p(int percentile) {
      int n = Math.min(count.get(), nanos.length());
      if (n == 0) {
        return Double.NaN;
      }
      long[] sorted = new long[n];
      for (int i = 0; i < n; i++) {
        sorted[i] = nanos.get(i);
      }
      Arrays.sort(sorted);
      int index = percentile >= 100 ? n - 1 : (int) Math.ceil(percentile / 100.0 * n) - 1;
      return sorted[Math.max(0, index)] / 1e6;
    }

    void print(String name) {
      System.out.printf("%-60s %8d %9.2f %9.2f %9.2f%n", name, Math.min(count.get(), nanos.length()), p(50), p(99),
          p(100));
    }
  }

  private static void command(Writer toNode, String line) throws IOException {
    toNode.write(line + "\n");
    toNode.flush();
  }

  /** The next line of the node's output that starts with {@code prefix} (log lines are skipped). */
  private static String answer(BufferedReader fromNode, String prefix) throws IOException {
    for (String line = fromNode.readLine(); line != null; line = fromNode.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IOException("the node process ended before answering '" + prefix + "'");
  }

  private static long heap(Writer toNode, BufferedReader fromNode) throws IOException {
    command(toNode, "heap");
    return Long.parseLong(answer(fromNode, "heap ").substring(5).trim());
  }
}
