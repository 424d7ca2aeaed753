package dev.inlet.storage.postgres;

import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.store.ClaimRequest;
import dev.inlet.shared.store.StoreBackend;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many messages per second {@code record()} stores: 10,000 pool numbers, 5,000 rented, callers on several event
 * loops each keeping many records in flight. Run with {@code -Dinlet.bench=true -Dtest=RecordThroughputBench}
 * ({@code -Dinlet.bench.rented=10000}: every number rented, no message to the unmatched archive).
 */
@ExtendWith(VertxExtension.class)
@EnabledIfSystemProperty(named = "inlet.bench", matches = "true")
class RecordThroughputBench {

  private static final Logger LOG = LoggerFactory.getLogger(RecordThroughputBench.class);
  private static final int NUMBERS = 10_000;
  private static final int CALLERS = Integer.getInteger("inlet.bench.callers", 4);
  private static final int IN_FLIGHT = Integer.getInteger("inlet.bench.inFlight", 1000);
  private static final int MESSAGES = Integer.getInteger("inlet.bench.messages", 200_000);
  private static final int BATCHES = Integer.getInteger("inlet.bench.batchesInFlight", 2);
  /** How many of the numbers are rented (the others' messages go to the unmatched archive). */
  private static final int RENTED = Integer.getInteger("inlet.bench.rented", NUMBERS / 2);

  /** Keeps {@code inFlight} records going until {@code total} are done. */
  private static final class Caller extends AbstractVerticle {
    private final StoreBackend backend;
    private final int id;
    private final int total;
    private final AtomicLong done;
    private int sent;
    private int finished;
    private Promise<Void> startPromise;

    Caller(StoreBackend backend, int id, int total, AtomicLong done) {
      this.backend = backend;
      this.id = id;
      this.total = total;
      this.done = done;
    }

    @Override
    public void start(Promise<Void> p) {
      startPromise = p;
      for (int i = 0; i < IN_FLIGHT; i++) {
        next();
      }
    }

    private void next() {
      if (sent >= total) {
        return;
      }
      int i = sent++;
      String to = "+1555" + String.format("%07d", (i * 7 + id) % NUMBERS);
      InboundSms sms = new InboundSms("c" + id + "-" + i, to, "Google", "Your code is " + i, Instant.now(),
          "smpp:bench", String.valueOf(i), "bench:" + id + ":" + i, null);
      backend.inbox().record(sms, String.valueOf(i), Duration.ofSeconds(30), Duration.ofMinutes(10))
          .onComplete(ar -> {
            if (ar.failed()) {
              startPromise.tryFail(ar.cause());
              return;
            }
            done.incrementAndGet();
            if (++finished == total) {
              startPromise.tryComplete();
            } else {
              next();
            }
          });
    }
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.MINUTES)
  @DisplayName("record() stores thousands of messages per second")
  void throughput(Vertx vertx, VertxTestContext ctx) {
    List<PoolNumber> pool = IntStream.range(0, NUMBERS)
        .mapToObj(i -> new PoolNumber("+1555" + String.format("%07d", i), "US", List.of("sms"))).toList();
    AtomicLong done = new AtomicLong();
    TestDatabase.reset(vertx)
        .compose(v -> PostgresStoreProvider.connect(vertx, PgUri.parse(TestDatabase.PG_URI), 8, BATCHES,
            TestDatabase.REDIS_URI))
        .compose(backend -> backend.pool().addNumbers(pool)
            .compose(n -> {
              Future<Void> claims = Future.succeededFuture();
              for (int c = 0; c < RENTED; c += 500) {
                int from = c;
                int to = Math.min(from + 500, RENTED);
                claims = claims.compose(v -> Future.all(IntStream.range(from, to).mapToObj(i ->
                    backend.pool().claim(new ClaimRequest("s" + i, null, "US", null, "bench", Instant.now(),
                        Instant.now().plusSeconds(3600)))).toList()).mapEmpty());
              }
              return claims;
            })
            .compose(v -> {
              RecordBatcher batcher = ((PgInboxStore) backend.inbox()).batcher();
              long trips0 = batcher.roundTrips();
              long t0 = System.nanoTime();
              List<Future<String>> callers = new ArrayList<>();
              for (int c = 0; c < CALLERS; c++) {
                callers.add(vertx.deployVerticle(new Caller(backend, c, MESSAGES / CALLERS, done),
                    new DeploymentOptions()));
              }
              return Future.all(callers).map(x -> {
                double secs = (System.nanoTime() - t0) / 1e9;
                LOG.info("BENCH {} messages in {} s: {} msg/s, {} round trips ({} per batch avg), callers {} x {}"
                        + " in flight, {} batches in flight",
                    done.get(), String.format("%.2f", secs), Math.round(done.get() / secs),
                    batcher.roundTrips() - trips0, String.format("%.0f", done.get() / (double) (batcher.roundTrips() - trips0)),
                    CALLERS, IN_FLIGHT, BATCHES);
                return null;
              });
            }))
        .onComplete(ctx.succeedingThenComplete());
  }
}
