package dev.inlet.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.message.ExtendRequest;
import dev.inlet.shared.message.HistoryQuery;
import dev.inlet.shared.message.ImportResult;
import dev.inlet.shared.message.ImportResult.RowError;
import dev.inlet.shared.message.NumberImport;
import dev.inlet.shared.message.NumberList;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.RentalEvent.Kind;
import dev.inlet.shared.message.RentalList;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.SessionQuery;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pool on the bus, with the in-memory or the embedded store. */
@ExtendWith(VertxExtension.class)
class PoolVerticleTest {

  private static final String FIRST = "+12125550100";

  private static JsonObject config(String storageKind) {
    return new JsonObject().put("mode", "lab").put("rentalSeconds", 600)
        .put("storage", new JsonObject().put("kind", storageKind))
        .put("lab", new JsonObject().put("ranges", new JsonArray()
            .add(new JsonObject().put("country", "US").put("first", FIRST).put("count", 5))));
  }

  @BeforeEach
  void codecs(Vertx vertx) {
    MessageCodecs.register(vertx);
  }

  private static Future<String> deploy(Vertx vertx, JsonObject config) {
    return vertx.deployVerticle(new PoolVerticle(), new DeploymentOptions().setConfig(config));
  }

  private static Future<Rental> rent(Vertx vertx, RentRequest request) {
    return vertx.eventBus().<Rental>request(Addresses.POOL_RENT, request).map(Message::body);
  }

  private static Future<List<PoolNumber>> available(Vertx vertx, NumbersQuery query) {
    return vertx.eventBus().<NumberList>request(Addresses.POOL_AVAILABLE, query).map(m -> m.body().numbers());
  }

  private static Future<ImportResult> importFile(Vertx vertx, NumberImport file) {
    return vertx.eventBus().<ImportResult>request(Addresses.POOL_IMPORT, file).map(Message::body);
  }

  // ---- numbers at start ---------------------------------------------------------------------

  @Test
  @DisplayName("in lab mode the pool starts with the numbers of its lab ranges")
  void labRanges(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx, config("memory"))
        .compose(id -> available(vertx, new NumbersQuery("US", null)))
        .onComplete(ctx.succeeding(numbers -> ctx.verify(() -> {
          assertThat(numbers).extracting(PoolNumber::number)
              .containsExactly(FIRST, "+12125550101", "+12125550102", "+12125550103", "+12125550104");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the operator's own numbers from the configuration are added at start, next to the lab ranges")
  void configuredNumbers(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = config("embedded").put("numbers", new JsonArray()
        .add(new JsonObject().put("number", "+4915112345678").put("country", "DE")));
    deploy(vertx, config)
        .compose(id -> available(vertx, NumbersQuery.all()))
        .onComplete(ctx.succeeding(numbers -> ctx.verify(() -> {
          assertThat(numbers).hasSize(6);
          assertThat(numbers).contains(new PoolNumber("+4915112345678", "DE", List.of("sms")));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("in production mode the lab ranges are not added, the operator's own numbers are")
  void productionIgnoresLabRanges(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = config("memory").put("mode", "production").put("numbers", new JsonArray()
        .add(new JsonObject().put("number", "+4915112345678").put("country", "DE")));
    deploy(vertx, config)
        .compose(id -> available(vertx, NumbersQuery.all()))
        .onComplete(ctx.succeeding(numbers -> ctx.verify(() -> {
          assertThat(numbers).extracting(PoolNumber::number).containsExactly("+4915112345678");
          ctx.completeNow();
        })));
  }

  // ---- rentals over the bus -----------------------------------------------------------------

  @Test
  @DisplayName("a rental over the bus is announced as started on the pool's rentals address and on the number's")
  void rentAnnounced(Vertx vertx, VertxTestContext ctx) {
    Checkpoint onPool = ctx.checkpoint();
    Checkpoint onNumber = ctx.checkpoint();
    Checkpoint answered = ctx.checkpoint();
    String number = "+12125550102";
    deploy(vertx, config("memory"))
        .compose(id -> Future.all(
            vertx.eventBus().<RentalEvent>consumer(Addresses.POOL_RENTALS, m -> ctx.verify(() -> {
              assertThat(m.body().kind()).isEqualTo(Kind.STARTED);
              assertThat(m.body().rental().number()).isEqualTo(number);
              onPool.flag();
            })).completion(),
            vertx.eventBus().<RentalEvent>consumer(Addresses.numberRental(number), m -> ctx.verify(() -> {
              assertThat(m.body().kind()).isEqualTo(Kind.STARTED);
              assertThat(m.body().rental().owner()).isEqualTo("alice");
              onNumber.flag();
            })).completion()))
        .compose(v -> rent(vertx, new RentRequest(number, null, null, "alice", 0)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.number()).isEqualTo(number);
          answered.flag();
        })));
  }

  @Test
  @DisplayName("a release over the bus answers the ended session and announces its end on the number's address")
  void releaseAnnounced(Vertx vertx, VertxTestContext ctx) {
    Checkpoint announced = ctx.checkpoint();
    Checkpoint answered = ctx.checkpoint();
    deploy(vertx, config("embedded"))
        .compose(id -> vertx.eventBus().<RentalEvent>consumer(Addresses.numberRental(FIRST), m -> {
          if (m.body().kind() == Kind.ENDED) {
            ctx.verify(() -> assertThat(m.body().rental().endReason()).isEqualTo(NumberPool.RELEASED));
            announced.flag();
          }
        }).completion())
        .compose(v -> rent(vertx, new RentRequest(FIRST, null, null, "alice", 0)))
        .compose(r -> vertx.eventBus().<Rental>request(Addresses.POOL_RELEASE, SessionQuery.byOwner(r.sessionId(), "alice")))
        .onComplete(ctx.succeeding(ended -> ctx.verify(() -> {
          assertThat(ended.body().endReason()).isEqualTo(NumberPool.RELEASED);
          assertThat(ended.body().endedAt()).isNotNull();
          answered.flag();
        })));
  }

  @Test
  @DisplayName("an extension over the bus answers the new expiry and announces it on the pool's rentals address")
  void extendAnnounced(Vertx vertx, VertxTestContext ctx) {
    Checkpoint announced = ctx.checkpoint();
    Checkpoint answered = ctx.checkpoint();
    deploy(vertx, config("memory"))
        .compose(id -> vertx.eventBus().<RentalEvent>consumer(Addresses.POOL_RENTALS, m -> {
          if (m.body().kind() == Kind.EXTENDED) {
            announced.flag();
          }
        }).completion())
        .compose(v -> rent(vertx, new RentRequest(FIRST, null, null, "alice", 0)))
        .compose(r -> vertx.eventBus().<Rental>request(Addresses.POOL_EXTEND, new ExtendRequest(r.sessionId(), "alice", 300))
            .map(m -> {
              ctx.verify(() -> assertThat(m.body().expiresAt()).isEqualTo(r.expiresAt().plusSeconds(300)));
              return m;
            }))
        .onComplete(ctx.succeeding(m -> answered.flag()));
  }

  @Test
  @DisplayName("a refusal over the bus carries its failure code and detail")
  void refusalOverTheBus(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx, config("memory"))
        .compose(id -> rent(vertx, new RentRequest(FIRST, null, null, "alice", 5)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.of(e)).isEqualTo(Failure.INVALID_REQUEST);
          assertThat(e).hasMessageContaining("between 60 and 3600");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a request of the wrong type is refused as invalid")
  void wrongType(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx, config("memory"))
        .compose(id -> vertx.eventBus().request(Addresses.POOL_RENT, "rent me"))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.of(e)).isEqualTo(Failure.INVALID_REQUEST);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("of many renters by country at once on the bus, no two get the same number, and the rest are told none is free")
  void concurrentRentByCountry(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = config("embedded").put("lab", new JsonObject().put("ranges", new JsonArray()
        .add(new JsonObject().put("country", "US").put("first", FIRST).put("count", 20))));
    deploy(vertx, config)
        .compose(id -> {
          List<Future<Rental>> attempts = IntStream.range(0, 30)
              .mapToObj(i -> rent(vertx, new RentRequest(null, "US", null, "renter" + i, 0))).toList();
          return Future.join(attempts).transform(done -> Future.succeededFuture(attempts));
        })
        .onComplete(ctx.succeeding(attempts -> ctx.verify(() -> {
          List<String> numbers = attempts.stream().filter(Future::succeeded).map(f -> f.result().number()).toList();
          assertThat(numbers).hasSize(20).doesNotHaveDuplicates();
          Set<String> sessions = new HashSet<>();
          attempts.stream().filter(Future::succeeded).forEach(f -> sessions.add(f.result().sessionId()));
          assertThat(sessions).hasSize(20);
          assertThat(attempts.stream().filter(Future::failed).map(f -> Failure.of(f.cause())))
              .hasSize(10)
              .containsOnly(Failure.NO_NUMBER_AVAILABLE);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the sweeper ends a rental whose window has passed and announces it as expired")
  void sweeperEndsExpired(Vertx vertx, VertxTestContext ctx) {
    // the shortest window a renter may ask for is a minute; a 1 s default shows the sweeper at work
    String number = "+12125550103";
    deploy(vertx, config("memory").put("rentalSeconds", 1).put("sweepIntervalMs", 50))
        .compose(id -> vertx.eventBus().<RentalEvent>consumer(Addresses.numberRental(number), m -> {
          if (m.body().kind() == Kind.ENDED) {
            ctx.verify(() -> {
              assertThat(m.body().rental().endReason()).isEqualTo("EXPIRED");
              assertThat(m.body().rental().endedAt()).isEqualTo(m.body().rental().expiresAt());
            });
            ctx.completeNow();
          }
        }).completion())
        .compose(v -> rent(vertx, new RentRequest(number, null, null, "alice", 0)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() ->
            assertThat(r.expiresAt()).isEqualTo(r.startedAt().plusSeconds(1)))));
  }

  // ---- imports ------------------------------------------------------------------------------

  @Test
  @DisplayName("a CSV import adds its numbers, counting those already in the pool apart")
  void importCsv(Vertx vertx, VertxTestContext ctx) {
    String csv = "number,country,capabilities\n" + FIRST + ",US,sms\n+447700900001,GB,sms;voice\n+447700900002,GB\n";
    deploy(vertx, config("memory"))
        .compose(id -> importFile(vertx, new NumberImport("csv", csv)))
        .compose(result -> {
          ctx.verify(() -> assertThat(result).isEqualTo(new ImportResult(3, 2, 1, List.of())));
          return available(vertx, new NumbersQuery("GB", null));
        })
        .onComplete(ctx.succeeding(gb -> ctx.verify(() -> {
          assertThat(gb).containsExactly(new PoolNumber("+447700900001", "GB", List.of("sms", "voice")),
              new PoolNumber("+447700900002", "GB", List.of("sms")));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a JSON import adds its numbers")
  void importJson(Vertx vertx, VertxTestContext ctx) {
    String json = new JsonArray()
        .add(new JsonObject().put("number", "+4915112345678").put("country", "DE"))
        .add(new JsonObject().put("number", "+4915112345679").put("country", "DE")
            .put("capabilities", new JsonArray().add("sms"))).encode();
    deploy(vertx, config("embedded"))
        .compose(id -> importFile(vertx, new NumberImport("json", json)))
        .compose(result -> {
          ctx.verify(() -> assertThat(result).isEqualTo(new ImportResult(2, 2, 0, List.of())));
          return available(vertx, new NumbersQuery("DE", null));
        })
        .onComplete(ctx.succeeding(de -> ctx.verify(() -> {
          assertThat(de).extracting(PoolNumber::number).containsExactly("+4915112345678", "+4915112345679");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an import with bad rows adds nothing and reports each bad row: invalid number, unknown country, duplicate")
  void importAllOrNothing(Vertx vertx, VertxTestContext ctx) {
    String csv = "number,country\n+447700900001,GB\n07700900002,GB\n+447700900003,UK\n+447700900001,GB\n";
    deploy(vertx, config("memory"))
        .compose(id -> importFile(vertx, new NumberImport("csv", csv)))
        .compose(result -> {
          ctx.verify(() -> {
            assertThat(result.added()).isZero();
            assertThat(result.rows()).isEqualTo(4);
            assertThat(result.errors()).containsExactly(
                new RowError(3, "'07700900002' is not an E.164 number such as +12125550100"),
                new RowError(4, "'UK' is not an ISO 3166 country code such as US"),
                new RowError(5, "+447700900001 appears more than once in the file"));
          });
          return available(vertx, NumbersQuery.all());
        })
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all).extracting(PoolNumber::country).containsOnly("US");
          assertThat(all).hasSize(5);
          ctx.completeNow();
        })));
  }

  // ---- history ------------------------------------------------------------------------------

  @Test
  @DisplayName("the history of a number lists its rentals newest first, with owner and why each ended")
  void history(Vertx vertx, VertxTestContext ctx) {
    // no grace and no cooling-off, so the number can be rented again at once
    JsonObject config = config("memory").put("graceSeconds", 0).put("cooldownSeconds", 0);
    deploy(vertx, config)
        .compose(id -> rent(vertx, new RentRequest(FIRST, null, null, "alice", 0)))
        .compose(a -> vertx.eventBus().request(Addresses.POOL_RELEASE, SessionQuery.byOwner(a.sessionId(), "alice")))
        .compose(v -> rent(vertx, new RentRequest(FIRST, null, null, "bob", 0)))
        .compose(v -> vertx.eventBus().<RentalList>request(Addresses.POOL_HISTORY, new HistoryQuery(FIRST, 10)))
        .onComplete(ctx.succeeding(m -> ctx.verify(() -> {
          List<Rental> rentals = m.body().rentals();
          assertThat(rentals).extracting(Rental::owner).containsExactly("bob", "alice");
          assertThat(rentals).extracting(Rental::endReason).containsExactly(null, NumberPool.RELEASED);
          assertThat(rentals.get(0).startedAt()).isAfterOrEqualTo(rentals.get(1).endedAt());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the history lists at most the asked number of rentals, the newest")
  void historyLimit(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = config("embedded").put("graceSeconds", 0).put("cooldownSeconds", 0);
    deploy(vertx, config)
        .compose(id -> rent(vertx, new RentRequest(FIRST, null, null, "alice", 0)))
        .compose(a -> vertx.eventBus().request(Addresses.POOL_RELEASE, SessionQuery.byOwner(a.sessionId(), "alice")))
        .compose(v -> rent(vertx, new RentRequest(FIRST, null, null, "bob", 0)))
        .compose(v -> vertx.eventBus().<RentalList>request(Addresses.POOL_HISTORY, new HistoryQuery(FIRST, 1)))
        .onComplete(ctx.succeeding(m -> ctx.verify(() -> {
          assertThat(m.body().rentals()).extracting(Rental::owner).containsExactly("bob");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the history of a number outside the pool is refused as unknown")
  void historyOfUnknownNumber(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx, config("memory"))
        .compose(id -> vertx.eventBus().request(Addresses.POOL_HISTORY, new HistoryQuery("+15005550006", 10)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.of(e)).isEqualTo(Failure.UNKNOWN_NUMBER);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a history query without a number is refused as invalid")
  void historyWithoutNumber(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx, config("memory"))
        .compose(id -> vertx.eventBus().request(Addresses.POOL_HISTORY, new HistoryQuery(null, 10)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.of(e)).isEqualTo(Failure.INVALID_REQUEST);
          ctx.completeNow();
        })));
  }
}
