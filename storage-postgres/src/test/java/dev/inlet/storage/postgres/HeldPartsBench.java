package dev.inlet.storage.postgres;

import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.sms.Segment;
import dev.inlet.shared.sms.SmsAlphabet;
import dev.inlet.shared.store.HeldParts;
import dev.inlet.shared.store.StoreBackend;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What holding the parts of concatenated messages costs in PostgreSQL, against recording single messages in the same
 * run: three-part messages held with {@code holdPart} (the last part of each answers WHOLE), then as many single
 * messages recorded, each with {@code inFlight} calls in flight from one event loop. Run with
 * {@code -Dinlet.bench=true -Dtest=HeldPartsBench} ({@code -Dinlet.bench.parts=30000}, {@code -Dinlet.bench.inFlight=256}).
 */
@ExtendWith(VertxExtension.class)
@EnabledIfSystemProperty(named = "inlet.bench", matches = "true")
class HeldPartsBench {

  private static final Logger LOG = LoggerFactory.getLogger(HeldPartsBench.class);
  private static final int PARTS = Integer.getInteger("inlet.bench.parts", 30_000);
  private static final int IN_FLIGHT = Integer.getInteger("inlet.bench.inFlight", 256);
  private static final String NUMBER = "+15550000001";

  /** Runs {@code total} calls, {@code IN_FLIGHT} at a time; completes with the elapsed seconds. */
  private static Future<Double> run(Vertx vertx, int total, IntFunction<Future<?>> call) {
    Promise<Double> done = Promise.promise();
    AtomicLong started = new AtomicLong();
    AtomicLong finished = new AtomicLong();
    long t0 = System.nanoTime();
    vertx.runOnContext(v -> {
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        long i = started.getAndIncrement();
        if (i >= total) {
          return;
        }
        call.apply((int) i).onComplete(ar -> {
          if (ar.failed()) {
            done.tryFail(ar.cause());
          } else if (finished.incrementAndGet() == total) {
            done.tryComplete((System.nanoTime() - t0) / 1e9);
          } else {
            next[0].run();
          }
        });
      };
      for (int k = 0; k < IN_FLIGHT; k++) {
        next[0].run();
      }
    });
    return done.future();
  }

  private static InboundSms part(int i) {
    int message = i / 3;
    int number = i % 3 + 1;
    return new InboundSms("p" + i, NUMBER, "+447700900001", "part", Instant.now(), "smpp:bench", "1", null, null,
        new Segment(message & 0xFFFF, 16, 3, number, SmsAlphabet.UCS2, 0, 0,
            ("part " + number + " of message " + message).getBytes(StandardCharsets.UTF_16BE)));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.MINUTES)
  @DisplayName("holding parts against recording messages, in one run")
  void heldPartsAgainstRecords(Vertx vertx, VertxTestContext ctx) {
    AtomicLong whole = new AtomicLong();
    TestDatabase.reset(vertx)
        .compose(v -> new PostgresStoreProvider().open(vertx, TestDatabase.storage()))
        .compose((StoreBackend backend) -> backend.pool().addNumbers(List.of(new PoolNumber(NUMBER, "US", List.of("sms"))))
            .compose(n -> run(vertx, PARTS, i -> {
              InboundSms p = part(i);
              return backend.inbox().holdPart(p.segment().setKey(p.to(), p.from() + (i / 3 / 65536)), p)
                  .onSuccess(h -> {
                    if (h.status() == HeldParts.Status.WHOLE) {
                      whole.incrementAndGet();
                    }
                  });
            }))
            .compose(partSecs -> run(vertx, PARTS, i -> backend.inbox().record(new InboundSms("m" + i, NUMBER,
                    "+447700900001", "Your code is " + i, Instant.now(), "smpp:bench", "1", "bench:" + i, null), null,
                    Duration.ofSeconds(30), Duration.ofMinutes(10)))
                .map(recordSecs -> {
                  LOG.info("BENCH {} cores: {} parts held in {} s = {} parts/s ({} messages whole); {} messages recorded"
                          + " in {} s = {} msg/s; holding a part costs {}x recording a message; {} in flight",
                      Runtime.getRuntime().availableProcessors(), PARTS, String.format("%.2f", partSecs),
                      Math.round(PARTS / partSecs), whole.get(), PARTS, String.format("%.2f", recordSecs),
                      Math.round(PARTS / recordSecs), String.format("%.1f", partSecs / recordSecs), IN_FLIGHT);
                  return null;
                })))
        .onComplete(ctx.succeedingThenComplete());
  }
}
