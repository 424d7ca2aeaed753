package dev.inlet.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.SessionQuery;
import dev.inlet.shared.store.SharedDataNumberPoolStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NumberPoolTest {

  private static final PoolNumber US1 = new PoolNumber("+12125550100", "US", List.of("sms"));
  private static final PoolNumber US2 = new PoolNumber("+12125550101", "US", List.of("sms"));
  private static final PoolNumber GB1 = new PoolNumber("+447700900000", "GB", List.of("sms"));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T18:00:00Z"));
  private final List<Rental> started = new CopyOnWriteArrayList<>();
  private final List<Rental> ended = new CopyOnWriteArrayList<>();
  private NumberPool pool;

  @BeforeEach
  void setUp(Vertx vertx, VertxTestContext ctx) {
    SharedDataNumberPoolStore store = new SharedDataNumberPoolStore(vertx);
    RentalPolicy policy = RentalPolicy.from(new JsonObject().put("rentalSeconds", 600).put("maxRentalSeconds", 3600)
        .put("graceSeconds", 30).put("cooldownSeconds", 60).put("wsTokenSeconds", 300));
    pool = new NumberPool(store, policy, clock, started::add, ended::add);
    store.addNumbers(List.of(US1, US2, GB1)).onComplete(ctx.succeedingThenComplete());
  }

  private static RentRequest byNumber(String number, String owner) {
    return new RentRequest(number, null, null, owner, 0);
  }

  private static void assertFailure(Throwable e, Failure expected) {
    assertThat(Failure.of(e)).as(e.getMessage()).isEqualTo(expected);
  }

  @Test
  @DisplayName("renting a free number gives a session for the default window and announces it")
  void rentByNumber(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.number()).isEqualTo(US1.number());
      assertThat(r.country()).isEqualTo("US");
      assertThat(r.owner()).isEqualTo("alice");
      assertThat(r.sessionId()).hasSizeGreaterThanOrEqualTo(22);
      assertThat(Duration.between(r.startedAt(), r.expiresAt())).isEqualTo(Duration.ofSeconds(600));
      assertThat(started).containsExactly(r);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a number held by a session cannot be rented by anyone else")
  void rentedIsUnavailable(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.rent(byNumber(US1.number(), "bob")))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.NUMBER_UNAVAILABLE);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("of twenty renters asking for one number at once, exactly one gets it")
  void concurrentRenters(VertxTestContext ctx) {
    List<Future<Rental>> attempts = IntStream.range(0, 20)
        .mapToObj(i -> pool.rent(byNumber(US1.number(), "renter" + i))).toList();
    Future.join(attempts).onComplete(done -> ctx.verify(() -> {
      assertThat(attempts.stream().filter(Future::succeeded)).hasSize(1);
      attempts.stream().filter(Future::failed).forEach(f -> assertFailure(f.cause(), Failure.NUMBER_UNAVAILABLE));
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("a number outside the pool is refused as unknown")
  void unknownNumber(VertxTestContext ctx) {
    pool.rent(byNumber("+15005550006", "alice")).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.UNKNOWN_NUMBER);
      assertThat(e).hasMessageContaining("+15005550006");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("renting by country takes a free number of that country until none is left")
  void rentByCountry(VertxTestContext ctx) {
    RentRequest us = new RentRequest(null, "US", "google", "alice", 0);
    pool.rent(us).compose(a -> pool.rent(us).map(b -> List.of(a, b)))
        .compose(two -> {
          ctx.verify(() -> assertThat(two).extracting(Rental::number)
              .containsExactlyInAnyOrder(US1.number(), US2.number()));
          return pool.rent(us);
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.NO_NUMBER_AVAILABLE);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a window outside the allowed range is refused with the limits")
  void badDuration(VertxTestContext ctx) {
    pool.rent(new RentRequest(US1.number(), null, null, "alice", 5)).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.INVALID_REQUEST);
      assertThat(e).hasMessageContaining("60").hasMessageContaining("3600");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("the available numbers leave out rented ones and those cooling off")
  void availability(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.release(SessionQuery.byOwner(r.sessionId(), "alice")))
        .compose(r -> pool.rent(byNumber(US2.number(), "alice")))
        .compose(r -> pool.available(new NumbersQuery("US", null)))
        .compose(free -> {
          ctx.verify(() -> assertThat(free).isEmpty());
          clock.advance(Duration.ofSeconds(61));
          return pool.available(NumbersQuery.all());
        })
        .onComplete(ctx.succeeding(free -> ctx.verify(() -> {
          assertThat(free).containsExactly(US1, GB1);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a session is visible to its owner only, and releasing it twice is harmless")
  void releaseByOwner(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice")).compose(r ->
        pool.release(SessionQuery.byOwner(r.sessionId(), "mallory"))
            .transform(stranger -> {
              ctx.verify(() -> assertFailure(stranger.cause(), Failure.SESSION_NOT_FOUND));
              return pool.release(SessionQuery.byOwner(r.sessionId(), "alice"));
            })
            .compose(first -> pool.release(SessionQuery.byOwner(r.sessionId(), "alice")).map(second -> {
              ctx.verify(() -> {
                assertThat(first.endReason()).isEqualTo(NumberPool.RELEASED);
                assertThat(second).isEqualTo(first);
                assertThat(ended).containsExactly(first);
              });
              return null;
            })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a WebSocket token opens its own session only, until the session ends")
  void tokens(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice")).compose(a -> pool.rent(byNumber(US2.number(), "bob")).compose(b ->
        pool.wsToken(SessionQuery.byOwner(a.sessionId(), "alice")).compose(token ->
            pool.session(SessionQuery.byToken(a.sessionId(), token.token()))
                .compose(seen -> {
                  ctx.verify(() -> assertThat(seen.sessionId()).isEqualTo(a.sessionId()));
                  return pool.session(SessionQuery.byToken(b.sessionId(), token.token()));
                })
                .transform(other -> {
                  ctx.verify(() -> assertFailure(other.cause(), Failure.SESSION_NOT_FOUND));
                  return pool.release(SessionQuery.byOwner(a.sessionId(), "alice"));
                })
                .compose(released -> pool.wsToken(SessionQuery.byOwner(a.sessionId(), "alice"))))))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.SESSION_ENDED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message belongs to the rental active at its time, and to it for the grace period after release")
  void holderByTime(VertxTestContext ctx) {
    Instant before = clock.instant().minusSeconds(1);
    pool.rent(byNumber(US1.number(), "alice")).compose(r -> {
      clock.advance(Duration.ofSeconds(100));
      return pool.release(SessionQuery.byOwner(r.sessionId(), "alice"));
    }).compose(r -> Future.all(
            pool.holder(US1.number(), before),
            pool.holder(US1.number(), r.startedAt().plusSeconds(50)),
            pool.holder(US1.number(), r.endedAt().plusSeconds(29)),
            pool.holder(US1.number(), r.endedAt().plusSeconds(31)))
        .map(all -> {
          ctx.verify(() -> {
            assertThat((java.util.Optional<Rental>) all.resultAt(0)).isEmpty();
            assertThat((java.util.Optional<Rental>) all.resultAt(1)).map(Rental::sessionId).contains(r.sessionId());
            assertThat((java.util.Optional<Rental>) all.resultAt(2)).map(Rental::sessionId).contains(r.sessionId());
            assertThat((java.util.Optional<Rental>) all.resultAt(3)).isEmpty();
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("rentals whose window has passed are ended as expired, once")
  void expiry(VertxTestContext ctx) {
    pool.rent(new RentRequest(US1.number(), null, null, "alice", 60))
        .compose(short1 -> pool.rent(byNumber(US2.number(), "alice")))
        .compose(long1 -> {
          clock.advance(Duration.ofSeconds(61));
          return Future.all(pool.expireDue(), pool.expireDue());
        })
        .onComplete(ctx.succeeding(counts -> ctx.verify(() -> {
          assertThat((int) counts.resultAt(0) + (int) counts.resultAt(1)).isEqualTo(1);
          assertThat(ended).hasSize(1);
          assertThat(ended.get(0).number()).isEqualTo(US1.number());
          assertThat(ended.get(0).endReason()).isEqualTo(NumberPool.EXPIRED);
          ctx.completeNow();
        })));
  }
}
