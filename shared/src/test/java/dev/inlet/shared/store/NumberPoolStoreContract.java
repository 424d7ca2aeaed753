package dev.inlet.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.WsToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every {@link NumberPoolStore} must do. Each backend's test extends this class. */
@ExtendWith(VertxExtension.class)
public abstract class NumberPoolStoreContract {

  protected static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");
  protected static final PoolNumber US1 = new PoolNumber("+12125550100", "US", List.of("sms"));
  protected static final PoolNumber US2 = new PoolNumber("+12125550101", "US", List.of("sms"));

  protected abstract NumberPoolStore store(Vertx vertx);

  protected static Rental rental(String sessionId, PoolNumber n) {
    return new Rental(sessionId, n.number(), n.country(), null, "owner", T0, T0.plusSeconds(600), null, null);
  }

  @Test
  @DisplayName("adding numbers twice keeps one copy of each")
  void addIsIdempotent(Vertx vertx, VertxTestContext ctx) {
    NumberPoolStore store = store(vertx);
    store.addNumbers(List.of(US1, US2))
        .compose(v -> store.addNumbers(List.of(US1)))
        .compose(v -> store.numbers())
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all).containsExactly(US1, US2);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("of many rentals of one number started at once, exactly one holds it")
  void startIsExclusive(Vertx vertx, VertxTestContext ctx) {
    NumberPoolStore store = store(vertx);
    List<Future<Boolean>> attempts = IntStream.range(0, 20)
        .mapToObj(i -> store.startRental(rental("s" + i, US1))).toList();
    Future.all(attempts).compose(v -> store.activeRental(US1.number()).map(active -> {
      long winners = attempts.stream().filter(Future::result).count();
      ctx.verify(() -> {
        assertThat(winners).isEqualTo(1);
        int winner = IntStream.range(0, 20).filter(i -> attempts.get(i).result()).findFirst().orElseThrow();
        assertThat(active).map(Rental::sessionId).contains("s" + winner);
      });
      return active;
    })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a rental ends once, frees its number and becomes the number's last ended rental")
  void endOnce(Vertx vertx, VertxTestContext ctx) {
    NumberPoolStore store = store(vertx);
    Instant end = T0.plusSeconds(60);
    store.startRental(rental("s1", US1))
        .compose(v -> Future.all(store.endRental("s1", end, "RELEASED"), store.endRental("s1", end, "RELEASED")))
        .compose(both -> {
          Optional<Rental> first = both.resultAt(0);
          Optional<Rental> second = both.resultAt(1);
          ctx.verify(() -> assertThat(first.isPresent() ^ second.isPresent()).isTrue());
          return Future.all(store.activeRental(US1.number()), store.lastEndedRental(US1.number()),
              store.rental("s1"));
        })
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat((Optional<Rental>) all.resultAt(0)).isEmpty();
          Optional<Rental> last = all.resultAt(1);
          assertThat(last).map(Rental::sessionId).contains("s1");
          Optional<Rental> stored = all.resultAt(2);
          assertThat(stored.orElseThrow().endedAt()).isEqualTo(end);
          assertThat(stored.orElseThrow().endReason()).isEqualTo("RELEASED");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("after a rental ends, the number can be rented again")
  void rentAgain(Vertx vertx, VertxTestContext ctx) {
    NumberPoolStore store = store(vertx);
    store.startRental(rental("s1", US1))
        .compose(v -> store.endRental("s1", T0.plusSeconds(1), "RELEASED"))
        .compose(v -> store.startRental(rental("s2", US1)))
        .compose(started -> store.activeRentals().map(active -> {
          ctx.verify(() -> {
            assertThat(started).isTrue();
            assertThat(active).extracting(Rental::sessionId).containsExactly("s2");
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a WebSocket token is found until it expires")
  void tokens(Vertx vertx, VertxTestContext ctx) {
    NumberPoolStore store = store(vertx);
    Instant now = Instant.now();
    WsToken token = new WsToken("s1", "tok", now.plusSeconds(60));
    store.putWsToken(token)
        .compose(v -> Future.all(store.wsToken("tok", now), store.wsToken("tok", now.plusSeconds(61)),
            store.wsToken("other", now)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat((Optional<WsToken>) all.resultAt(0)).contains(token);
          assertThat((Optional<WsToken>) all.resultAt(1)).isEmpty();
          assertThat((Optional<WsToken>) all.resultAt(2)).isEmpty();
          ctx.completeNow();
        })));
  }
}
