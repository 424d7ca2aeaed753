package dev.inlet.bench;

import dev.inlet.node.InletNode;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.Rental;
import dev.inlet.smpp.JsmppSmsc;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.session.SMPPServerSession;

/**
 * The SMPP gateway's benchmark (a production node on PostgreSQL and Redis, database {@code inlet_bench}, Redis db 4):
 * <ol>
 *   <li>throughput of a mixed load through one bind: a third GSM singles, a third UCS-2 singles, a third
 *       three-part messages (UDH with 16-bit references), stored before the ack, against the do-nothing receiver
 *       with the same load in the same run;</li>
 *   <li>latency from the SMSC's write of a deliver_sm to the WebSocket frame that carries the message to its
 *       renter, at a paced 2,000 and 5,000 msg/s (the SMSC and the WebSocket client run in this JVM, so both ends
 *       read the same clock).</li>
 * </ol>
 * Run with {@code mvn -B -q -Pbench -pl tests exec:exec@smpp-gateway-bench}; options {@code -Dbench.parts=mix,latency},
 * {@code -Dbench.smpp.messages}, {@code -Dbench.smpp.warmup}, {@code -Dbench.smpp.senders},
 * {@code -Dbench.smpp.window}, {@code -Dbench.latency.seconds}, {@code -Dbench.latency.rates}.
 */
public final class SmppGatewayBench {

  private static final int MESSAGES = Integer.getInteger("bench.smpp.messages", 30_000);
  private static final int WARMUP = Integer.getInteger("bench.smpp.warmup", 100_000);
  private static final int SENDERS = Integer.getInteger("bench.smpp.senders", 64);
  private static final int WINDOW = Integer.getInteger("bench.smpp.window", 64);
  private static final int LATENCY_SECONDS = Integer.getInteger("bench.latency.seconds", 10);
  private static final String LATENCY_RATES = System.getProperty("bench.latency.rates", "2000,5000");
  private static final int RENTED = 100;
  private static final String KEY = "bench-key-0123456789";
  private static final Pattern SENT_AT = Pattern.compile("sent (\\d+) ");

  private SmppGatewayBench() {
  }

  public static void main(String[] args) throws Exception {
    System.out.printf("Inlet SMPP gateway benchmark: %d cores, Java %s, PostgreSQL %s + Redis%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), BenchDatabase.DB);
    String parts = System.getProperty("bench.parts", "mix,latency");
    if (parts.contains("mix")) {
      mix();
    }
    if (parts.contains("latency")) {
      latency();
    }
    System.exit(0);
  }

  // ---- mixed load ----------------------------------------------------------------------------

  private static void mix() throws Exception {
    double baseline;
    try (DoNothingReceiver receiver = new DoNothingReceiver(WINDOW)) {
      String to = "4915100000000";
      LoadGenerator.flood(WARMUP, SENDERS, i -> mixed(receiver.session(), "+447700900101", to, i, "warm"), "warm");
      baseline = LoadGenerator.flood(MESSAGES, SENDERS,
          i -> mixed(receiver.session(), "+447700900102", to, i, "base"), "baseline");
    }
    BenchDatabase.reset();
    int smscPort = JsmppSmsc.freePort();
    try (JsmppSmsc smsc = new JsmppSmsc(smscPort)) {
      JsonArray numbers = numbers();
      InletNode node = start(smscPort, numbers, 0);
      try {
        SMPPServerSession session = smsc.awaitBind(Duration.ofSeconds(30));
        rentAll(node, numbers);
        LoadGenerator.flood(WARMUP, SENDERS,
            i -> mixed(session, "+447700900103", number(numbers, i), i, "warm"), "warm");
        long before = BenchDatabase.count("SELECT count(*) FROM messages WHERE session_id IS NOT NULL");
        double rate = LoadGenerator.flood(MESSAGES, SENDERS,
            i -> mixed(session, "+447700900104", number(numbers, i), i, "inlet"), "inlet");
        long stored = BenchDatabase.count("SELECT count(*) FROM messages WHERE session_id IS NOT NULL") - before;
        System.out.printf("%n(1) mixed load: 1/3 GSM, 1/3 UCS-2, 1/3 three-part (5 deliver_sm per 3 messages),"
            + " %d senders, window %d, %d messages after %d of warm-up%n", SENDERS, WINDOW, MESSAGES, WARMUP);
        System.out.printf("    do-nothing receiver (ack only)           %,10.0f msg/s  (%,.0f deliver_sm/s)%n",
            baseline, baseline * 5 / 3);
        System.out.printf("    Inlet, stored in PostgreSQL before ack   %,10.0f msg/s  (%,.0f deliver_sm/s)   ratio %.2f"
            + "   (%,d whole messages stored)%n", rate, rate * 5 / 3, rate / baseline, stored);
      } finally {
        node.stop().await();
      }
    }
  }

  /** Message {@code i} of the mix, from {@code from} to {@code to}: one deliver_sm, or three for a three-part one. */
  private static void mixed(SMPPServerSession session, String from, String to, int i, String run) throws Exception {
    String code = Integer.toString(100000 + i % 900000);
    switch (i % 3) {
      case 0 -> JsmppSmsc.deliver(session, from, to, 0, 0,
          ("Your code is " + code + " " + run + "-" + i).getBytes(StandardCharsets.ISO_8859_1));
      case 1 -> JsmppSmsc.deliver(session, from, to, 0, 8,
          ("Ваш код " + code + " ✓ 🔐 " + run + "-" + i).getBytes(StandardCharsets.UTF_16BE));
      default -> {
        int ref = (i / 3) & 0xFFFF;
        for (int part = 1; part <= 3; part++) {
          byte[] udh = {0x06, 0x08, 0x04, (byte) (ref >> 8), (byte) ref, 0x03, (byte) part};
          byte[] text = ("Part " + part + " of a long message for " + run + "-" + i + (part == 1
              ? ": your verification code is " + code + ", valid for ten minutes. Do not share it with anyone"
              : ", which goes on here with more words so that it needs three parts of about a hundred characters"))
              .getBytes(StandardCharsets.ISO_8859_1);
          JsmppSmsc.deliver(session, from, to, 0x40, 0, ByteBuffer.allocate(udh.length + text.length).put(udh)
              .put(text).array());
        }
      }
    }
  }

  // ---- latency to the WebSocket -----------------------------------------------------------------

  private static void latency() throws Exception {
    BenchDatabase.reset();
    int smscPort = JsmppSmsc.freePort();
    int port = JsmppSmsc.freePort();
    try (JsmppSmsc smsc = new JsmppSmsc(smscPort)) {
      JsonArray numbers = numbers();
      InletNode node = start(smscPort, numbers, port);
      Vertx client = Vertx.vertx();
      try {
        SMPPServerSession session = smsc.awaitBind(Duration.ofSeconds(30));
        WebClient web = WebClient.create(client);
        String number = numbers.getJsonObject(0).getString("number");
        JsonObject rental = web.post(port, "127.0.0.1", "/api/rent").bearerTokenAuthentication(KEY)
            .sendJsonObject(new JsonObject().put("number", number)).await().bodyAsJsonObject();
        String sessionId = rental.getString("session_id");
        long[] latencies = new long[4_000_000];
        AtomicInteger received = new AtomicInteger();
        // referenced until the end: Vert.x closes an unreferenced client and its sockets (most likely what closed
        // this run's socket with status 1000 now and then, before the client was kept)
        WebSocketClient sockets = client.createWebSocketClient();
        WebSocket socket = sockets.connect(new WebSocketConnectOptions()
            .setHost("127.0.0.1").setPort(port).setURI("/ws/connect?session_id=" + sessionId)
            .addHeader("Authorization", "Bearer " + KEY)).await();
        AtomicReference<String> closed = new AtomicReference<>();
        long opened = System.nanoTime();
        socket.closeHandler(v -> closed.set("status " + socket.closeStatusCode() + " (" + socket.closeReason()
            + ") after " + received.get() + " frames of the run, " + (System.nanoTime() - opened) / 1_000_000
            + " ms after it opened"));
        socket.textMessageHandler(frame -> {
          long now = System.nanoTime();
          Matcher m = SENT_AT.matcher(frame);
          if (m.find()) {
            int n = received.getAndIncrement();
            if (n < latencies.length) {
              latencies[n] = now - Long.parseLong(m.group(1));
            }
          }
        });
        String to = number.substring(1);
        System.out.printf("%n(2) deliver_sm written by the SMSC to WebSocket frame at the renter, one session, paced,"
            + " %d s per rate after %d s of warm-up at the first rate%n", LATENCY_SECONDS, LATENCY_SECONDS);
        String[] rates = LATENCY_RATES.split(",");
        int first = Integer.parseInt(rates[0].trim());
        paced(session, to, first, LATENCY_SECONDS, "warm", received);
        for (String r : rates) {
          int rate = Integer.parseInt(r.trim());
          received.set(0);
          int sent = paced(session, to, rate, LATENCY_SECONDS, "at" + rate, received);
          int n = Math.min(received.get(), latencies.length);
          long[] sorted = Arrays.copyOf(latencies, n);
          Arrays.sort(sorted);
          System.out.printf("    %,6d msg/s: %,d sent, %,d frames   p50 %6.2f ms   p99 %7.2f ms   max %7.2f ms%n",
              rate, sent, n, pct(sorted, 0.50), pct(sorted, 0.99), n == 0 ? 0 : sorted[n - 1] / 1e6);
          if (closed.get() != null) {
            // the messages after that were stored, not lost, but this run's latencies cover only what arrived before
            // (the node closes a socket whose client does not read fast enough, status 1008)
            System.out.printf("    the renter's socket closed during the run: %s%n", closed.get());
            break;
          }
        }
        socket.close().await();
        sockets.close().await();
      } finally {
        client.close().await();
        node.stop().await();
      }
    }
  }

  /** Sends {@code rate × seconds} messages, paced, and waits (up to 10 s) for their frames; answers how many were sent. */
  private static int paced(SMPPServerSession session, String to, int rate, int seconds, String run,
                           AtomicInteger received) throws Exception {
    int count = rate * seconds;
    LoadGenerator.paced(count, rate, SENDERS, i -> JsmppSmsc.deliver(session, "+447700900105", to, 0, 0,
        ("Code " + (100000 + i % 900000) + " sent " + System.nanoTime() + " " + run + "-" + i)
            .getBytes(StandardCharsets.ISO_8859_1)), run);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(20); // waiting for the last frames to arrive, not synchronising a test
    }
    return count;
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  // ---- the node ------------------------------------------------------------------------------------

  private static JsonArray numbers() {
    JsonArray numbers = new JsonArray();
    for (int i = 0; i < RENTED; i++) {
      numbers.add(new JsonObject().put("number", "+491510000" + String.format("%04d", i)).put("country", "DE"));
    }
    return numbers;
  }

  private static String number(JsonArray numbers, int i) {
    return numbers.getJsonObject(i % RENTED).getString("number").substring(1);
  }

  /** A production node bound to the SMSC on {@code smscPort}; with the HTTP verticle on {@code httpPort} unless 0. */
  private static InletNode start(int smscPort, JsonArray numbers, int httpPort) throws Exception {
    JsonArray roles = new JsonArray().add("pool").add("router").add("smpp");
    JsonObject overrides = BenchDatabase.production(roles)
        .put("pool", new JsonObject().put("numbers", numbers))
        .put("smpp", new JsonObject().put("name", "bench").put("host", "127.0.0.1").put("port", smscPort)
            .put("systemId", JsmppSmsc.SYSTEM_ID).put("password", JsmppSmsc.PASSWORD).put("windowSize", WINDOW));
    if (httpPort != 0) {
      roles.add("http");
      overrides.put("http", new JsonObject().put("host", "127.0.0.1").put("port", httpPort)
          .put("apiKeys", new JsonArray().add(KEY)));
    }
    return InletNode.start(null, Map.of(), overrides).await();
  }

  private static void rentAll(InletNode node, JsonArray numbers) {
    for (int i = 0; i < RENTED; i++) {
      node.vertx().eventBus().<Rental>request(Addresses.POOL_RENT, new RentRequest(
          numbers.getJsonObject(i).getString("number"), null, null, "bench", 3600)).await();
    }
  }
}
