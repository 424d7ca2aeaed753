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
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.message.LabInjectResult;
import dev.inlet.shared.message.LabSms;
import dev.inlet.smsc.SmscSimulatorVerticle;
import dev.inlet.system.LabClient;
import dev.inlet.system.Nodes;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput and latency of the whole lab path: simulator → deliver_sm over TCP → SMPP verticle → bus →
 * router → stored → published → WebSocket frame. Measured in the same run as a baseline: the same
 * simulator delivering to a do-nothing SMPP receiver that only acknowledges. Run with
 * {@code mvn -B -q -Pbench -DskipTests verify} (or pass message counts: -Dbench.messages=20000).
 */
public final class LabPathBench {

  private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
  private static final int WARMUP = Integer.getInteger("bench.warmup", 5_000);
  private static final int IN_FLIGHT = Integer.getInteger("bench.inflight", 128);
  private static final int LATENCY_MESSAGES = Integer.getInteger("bench.latencyMessages", 2_000);

  private LabPathBench() {
  }

  public static void main(String[] args) throws Exception {
    System.out.printf("Inlet lab-path benchmark: %d cores, %d messages (after %d warm-up), %d in flight, Java %s%n",
        Runtime.getRuntime().availableProcessors(), MESSAGES, WARMUP, IN_FLIGHT, System.getProperty("java.version"));
    Result baseline = baseline(IN_FLIGHT, MESSAGES);
    Result baselineOne = baseline(1, LATENCY_MESSAGES);
    Result inlet = inletPath(IN_FLIGHT, MESSAGES);
    Result inletOne = inletPath(1, LATENCY_MESSAGES);
    System.out.println();
    System.out.printf("%-58s %12s %10s %10s %10s%n", "path (latency: deliver_sm written -> ack / WebSocket frame)", "msg/s", "p50 ms", "p99 ms", "max ms");
    print("baseline: simulator -> do-nothing receiver, " + IN_FLIGHT + " in flight", baseline);
    print("inlet:    simulator -> stored -> WebSocket, " + IN_FLIGHT + " in flight", inlet);
    print("baseline: simulator -> do-nothing receiver, 1 in flight", baselineOne);
    print("inlet:    simulator -> stored -> WebSocket, 1 in flight", inletOne);
    System.out.printf("ratio inlet/baseline throughput: %.2f (%d in flight), %.2f (1 in flight)%n",
        inlet.rate / baseline.rate, IN_FLIGHT, inletOne.rate / baselineOne.rate);
    System.exit(0);
  }

  record Result(double rate, double p50, double p99, double max) {
  }

  private static void print(String name, Result r) {
    System.out.printf("%-58s %,12.0f %10.2f %10.2f %10.2f%n", name, r.rate, r.p50, r.p99, r.max);
  }

  /** The simulator alone, delivering to a receiver that acknowledges every deliver_sm at once. */
  private static Result baseline(int inFlight, int messages) throws Exception {
    Vertx vertx = Vertx.vertx();
    MessageCodecs.register(vertx);
    int port = Nodes.freePort();
    vertx.deployVerticle(new SmscSimulatorVerticle(), new DeploymentOptions().setConfig(new JsonObject()
        .put("smscPort", port).put("systemId", "bench").put("password", "bench").put("responseTimeoutMs", 10000)))
        .await();
    ScheduledThreadPoolExecutor monitor = new ScheduledThreadPoolExecutor(1);
    DefaultSmppClient client = new DefaultSmppClient(Executors.newCachedThreadPool(), 1, monitor);
    SmppSessionConfiguration conf = new SmppSessionConfiguration(SmppBindType.RECEIVER, "bench", "bench");
    conf.setHost("127.0.0.1");
    conf.setPort(port);
    conf.setWindowSize(64);
    conf.getLoggingOptions().setLogPdu(false);
    conf.getLoggingOptions().setLogBytes(false);
    SmppSession session = client.bind(conf, new DefaultSmppSessionHandler() {
      @Override
      public PduResponse firePduRequestReceived(PduRequest request) {
        return request.createResponse();
      }
    });
    try {
      long[] latencies = new long[messages];
      drive(vertx, inFlight, WARMUP, "+12125550100", 0, null);
      long start = System.nanoTime();
      drive(vertx, inFlight, messages, "+12125550100", 0, (i, r) -> latencies[i] = r.ackedAtNanos() - r.sentAtNanos());
      long elapsed = System.nanoTime() - start;
      return result(messages, elapsed, latencies);
    } finally {
      session.unbind(2000);
      session.destroy();
      client.destroy();
      monitor.shutdownNow();
      vertx.close().await();
    }
  }

  /** The whole lab path of a node, to a WebSocket watching the rented number. */
  private static Result inletPath(int inFlight, int messages) throws Exception {
    int port = Nodes.freePort();
    InletNode node = Nodes.start(Nodes.lab(port)).await();
    Vertx clientVertx = Vertx.vertx();
    LabClient client = new LabClient(clientVertx, port, Nodes.API_KEY);
    try {
      JsonObject rental = client.rent(new JsonObject().put("country", "US")).await();
      String number = rental.getString("number");
      WebSocket ws = client.connect(rental.getString("session_id")).await();
      long[] frameAt = new long[WARMUP + messages];
      AtomicInteger frames = new AtomicInteger();
      Promise<Void> allFrames = Promise.promise();
      ws.textMessageHandler(text -> {
        long now = System.nanoTime();
        int seq = Integer.parseInt(new JsonObject(text).getString("text").substring("bench ".length()));
        frameAt[seq] = now;
        if (frames.incrementAndGet() == WARMUP + messages) {
          allFrames.complete();
        }
      });
      long[] sentAt = new long[WARMUP + messages];
      drive(node.vertx(), inFlight, WARMUP, number, 0, (i, r) -> sentAt[i] = r.sentAtNanos());
      long start = System.nanoTime();
      drive(node.vertx(), inFlight, messages, number, WARMUP, (i, r) -> sentAt[i] = r.sentAtNanos());
      allFrames.future().await();
      long end = Arrays.stream(frameAt, WARMUP, WARMUP + messages).max().orElseThrow();
      long[] latencies = new long[messages];
      for (int i = 0; i < messages; i++) {
        latencies[i] = frameAt[WARMUP + i] - sentAt[WARMUP + i];
      }
      return result(messages, end - start, latencies);
    } finally {
      client.close();
      clientVertx.close().await();
      node.stop().await();
    }
  }

  interface OnResult {
    void accept(int index, LabInjectResult result);
  }

  /** Injects {@code count} messages with texts "bench <offset+i>", keeping {@code inFlight} requests open; waits for all replies. */
  private static void drive(Vertx vertx, int inFlight, int count, String to, int offset, OnResult onResult) {
    Promise<Void> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    vertx.runOnContext(v -> {
      for (int k = 0; k < Math.min(inFlight, count); k++) {
        sendNext(vertx, count, to, offset, onResult, next, completed, done);
      }
    });
    done.future().await();
  }

  private static void sendNext(Vertx vertx, int count, String to, int offset, OnResult onResult, AtomicInteger next,
                               AtomicInteger completed, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= count) {
      return;
    }
    vertx.eventBus().<LabInjectResult>request(Addresses.LAB_SMSC_INJECT, new LabSms(to, "Bench", "bench " + (offset + i)))
        .onComplete(ar -> {
          if (ar.failed()) {
            done.tryFail(ar.cause());
            return;
          }
          if (ar.result().body().commandStatus() != 0) {
            done.tryFail("message " + (offset + i) + " refused with command_status " + ar.result().body().commandStatus());
            return;
          }
          if (onResult != null) {
            onResult.accept(offset + i, ar.result().body());
          }
          if (completed.incrementAndGet() == count) {
            done.tryComplete();
          } else {
            sendNext(vertx, count, to, offset, onResult, next, completed, done);
          }
        });
  }

  private static Result result(int count, long elapsedNanos, long[] latencies) {
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new Result(count / (elapsedNanos / 1e9), ms(sorted[sorted.length / 2]),
        ms(sorted[(int) (sorted.length * 0.99)]), ms(sorted[sorted.length - 1]));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
