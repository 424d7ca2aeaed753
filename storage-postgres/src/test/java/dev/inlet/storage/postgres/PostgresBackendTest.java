package dev.inlet.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.Settled;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.sms.Segment;
import dev.inlet.shared.sms.SmsAlphabet;
import dev.inlet.shared.store.ClaimRequest;
import dev.inlet.shared.store.HeldParts;
import dev.inlet.shared.store.Recorded;
import dev.inlet.shared.store.StoreBackend;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the PostgreSQL + Redis backend does beyond the contract: its cache, its batching, its migrations, outages. */
@ExtendWith(VertxExtension.class)
class PostgresBackendTest {

  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final Duration COOLDOWN = Duration.ofSeconds(60);
  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final List<PoolNumber> NUMBERS = IntStream.range(0, 5)
      .mapToObj(i -> new PoolNumber("+1212555010" + i, "US", List.of("sms"))).toList();

  @BeforeEach
  void reset(Vertx vertx, VertxTestContext ctx) {
    TestDatabase.reset(vertx).onComplete(ctx.succeedingThenComplete());
  }

  private static Future<StoreBackend> open(Vertx vertx) {
    return new PostgresStoreProvider().open(vertx, TestDatabase.storage());
  }

  private static ClaimRequest anyUs(String session) {
    return new ClaimRequest(session, null, "US", null, "key-1", T0, T0.plusSeconds(600));
  }

  private static Future<Response> redis(Vertx vertx, Request request) {
    Redis redis = Redis.createClient(vertx, TestDatabase.REDIS_URI);
    return redis.send(request).map(Response::new).eventually(redis::close);
  }

  /** A Redis answer, read before its client closes. */
  private record Response(String text) {
    Response(io.vertx.redis.client.Response r) {
      this(r == null ? null : r.toString());
    }
  }

  private static Future<List<Row>> sql(Vertx vertx, String sql) {
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
        .connectingTo(PgUri.parse(TestDatabase.PG_URI).options()).using(vertx).build();
    return pool.query(sql).execute().map(rows -> {
      List<Row> out = new ArrayList<>();
      rows.forEach(out::add);
      return out;
    }).eventually(pool::close);
  }

  private static InboundSms part(int number) {
    return new InboundSms("part-" + number, NUMBERS.get(0).number(), "+447700900001", "p" + number, T0, "smpp:test",
        "1", null, null, new Segment(9, 8, 3, number, SmsAlphabet.LATIN1, 0, 0,
        ("p" + number).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
  }

  @Test
  @DisplayName("parts held before a restart (a new Vert.x, new connections) meet the last part after it")
  void partsSurviveARestart(Vertx vertx, VertxTestContext ctx) throws Exception {
    Vertx before = Vertx.vertx();
    try {
      StoreBackend first = open(before).await(20, TimeUnit.SECONDS);
      first.inbox().holdPart("set-r", part(1)).await(10, TimeUnit.SECONDS);
      first.inbox().holdPart("set-r", part(3)).await(10, TimeUnit.SECONDS);
    } finally {
      before.close().await(10, TimeUnit.SECONDS);
    }
    HeldParts held = open(vertx).compose(after -> after.inbox().holdPart("set-r", part(2))).await(20, TimeUnit.SECONDS);
    assertThat(held.status()).isEqualTo(HeldParts.Status.WHOLE);
    assertThat(held.parts()).extracting(InboundSms::text).containsExactly("p1", "p2", "p3");
    ctx.completeNow();
  }

  @Test
  @DisplayName("a flushed Redis is rebuilt from PostgreSQL and no number is rented twice")
  void flushedRedisIsRebuilt(Vertx vertx, VertxTestContext ctx) {
    open(vertx).compose(backend -> {
      PgNumberPoolStore pool = (PgNumberPoolStore) backend.pool();
      return pool.addNumbers(NUMBERS)
          .compose(n -> Future.all(IntStream.range(0, 3).mapToObj(i -> pool.claim(anyUs("s" + i))).toList()))
          .compose(v -> redis(vertx, Request.cmd(Command.FLUSHDB)))
          // the sweep finds the marker gone: it reads PostgreSQL this time and the cache is rebuilt
          .compose(v -> pool.expireDue(T0.plusSeconds(10), null, COOLDOWN, 100))
          .compose(none -> {
            ctx.verify(() -> assertThat(none).isEmpty());
            return pool.hot().ensureBuilt(pool::activePage, false);
          })
          .compose(v -> Future.all(redis(vertx, Request.cmd(Command.ZCARD).arg(RedisHotState.EXPIRY)),
              redis(vertx, Request.cmd(Command.EXISTS).arg(RedisHotState.BUILT)),
              pool.liveRentals(T0.plusSeconds(10), T0)
                  .compose(live -> Future.all(live.stream().map(r -> pool.hot().rentalOf(r.number())).toList()))))
          .compose(cache -> {
            ctx.verify(() -> {
              assertThat(cache.<Response>resultAt(0).text()).isEqualTo("3");
              assertThat(cache.<Response>resultAt(1).text()).isEqualTo("1");
              List<java.util.Optional<Rental>> cached = cache.<io.vertx.core.CompositeFuture>resultAt(2).list();
              assertThat(cached).hasSize(3).allSatisfy(r -> assertThat(r).isPresent());
              assertThat(pool.hot().complete()).isTrue();
            });
            // 5 numbers, 3 rented: 10 more claims get exactly the 2 left
            List<Future<Rental>> more = IntStream.range(3, 13).mapToObj(i -> pool.claim(anyUs("s" + i))).toList();
            return Future.join(more).transform(done -> Future.succeededFuture(more));
          })
          .compose(more -> {
            List<String> numbers = more.stream().filter(Future::succeeded).map(f -> f.result().number()).toList();
            ctx.verify(() -> {
              assertThat(numbers).hasSize(2).doesNotHaveDuplicates();
              more.stream().filter(Future::failed).forEach(f ->
                  assertThat(Failure.of(f.cause())).isEqualTo(Failure.NO_NUMBER_AVAILABLE));
            });
            return pool.liveRentals(T0.plusSeconds(10), T0);
          })
          .map(live -> {
            ctx.verify(() -> assertThat(live.stream().map(Rental::number).toList())
                .hasSize(5).doesNotHaveDuplicates());
            return null;
          })
          // and the rebuilt cache serves the expiry sweep again
          .compose(v -> pool.expireDue(T0.plusSeconds(601), null, COOLDOWN, 100))
          .map(ended -> {
            ctx.verify(() -> assertThat(ended).hasSize(5));
            return null;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  /**
   * The same message (dedup key {@code key}) delivered ten times at once, alternately on nodes {@code a} and
   * {@code b}: ids {@code prefix + i}, received a second apart from T0 + 1 s; answers their outcomes in order.
   */
  private static Future<List<Recorded>> deliverTenTimesAtOnce(StoreBackend a, StoreBackend b, String number,
                                                              String prefix, String key) {
    List<Future<Recorded>> deliveries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      StoreBackend node = i % 2 == 0 ? a : b;
      deliveries.add(node.inbox().record(new InboundSms(prefix + i, number, "Google", "code 1234",
          T0.plusSeconds(1 + i), "smpp:a", "r" + i, key, null), "1234", GRACE, WINDOW));
    }
    return Future.all(deliveries).map(v -> deliveries.stream().map(Future::result).toList());
  }

  @Test
  @DisplayName("a duplicate within the window answers the original, also when two nodes record it at once")
  void duplicateAnswersOriginal(Vertx vertx, VertxTestContext ctx) {
    String number = NUMBERS.get(0).number();
    Future.all(open(vertx), open(vertx)).compose(both -> {
      StoreBackend a = both.resultAt(0);
      StoreBackend b = both.resultAt(1);
      return a.pool().addNumbers(NUMBERS)
          .compose(n -> a.pool().claim(new ClaimRequest("s1", number, null, null, "k", T0, T0.plusSeconds(600))))
          .compose(r -> deliverTenTimesAtOnce(a, b, number, "m", "smsc-1:42"))
          .compose(all -> {
            Recorded original = all.stream().filter(r -> !r.duplicate()).findFirst().orElseThrow();
            ctx.verify(() -> {
              assertThat(all.stream().filter(r -> !r.duplicate())).hasSize(1);
              assertThat(all).allSatisfy(r -> assertThat(r.message()).isEqualTo(original.message()));
              assertThat(original.message().sessionId()).isEqualTo("s1");
            });
            // later than the window: a new message
            return b.inbox().record(new InboundSms("late", number, "Google", "code 1234", T0.plus(WINDOW).plusSeconds(60),
                "smpp:a", "r", "smsc-1:42", null), "1234", GRACE, WINDOW);
          })
          .compose(late -> {
            ctx.verify(() -> assertThat(late.duplicate()).isFalse());
            return sql(vertx, "SELECT count(*) FROM messages");
          })
          .map(rows -> {
            ctx.verify(() -> assertThat(rows.get(0).getLong(0)).isEqualTo(2L));
            return null;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("when the key's last message is settled, of the same key recorded on two nodes at once one is the next generation and the rest its duplicates")
  void nextGenerationOnce(Vertx vertx, VertxTestContext ctx) {
    String number = NUMBERS.get(0).number();
    Future.all(open(vertx), open(vertx)).compose(both -> {
      StoreBackend a = both.resultAt(0);
      StoreBackend b = both.resultAt(1);
      return a.pool().addNumbers(NUMBERS)
          .compose(n -> a.inbox().record(new InboundSms("first", number, "Google", "code 1234", T0, "smpp:a", "r",
              "smsc-1:7", null).arrivedOn("session-1"), "1234", GRACE, WINDOW))
          .compose(first -> a.inbox().settle(new Settled("session-1", T0, List.of(), List.of())))
          .compose(v -> deliverTenTimesAtOnce(a, b, number, "again", "smsc-1:7"))
          .compose(all -> {
            ctx.verify(() -> {
              assertThat(all.stream().filter(r -> !r.duplicate())).hasSize(1);
              String second = all.stream().filter(r -> !r.duplicate()).findFirst().orElseThrow().message().id();
              assertThat(all).allSatisfy(r -> assertThat(r.message().id()).isEqualTo(second));
            });
            return sql(vertx, "SELECT dedup_gen FROM messages ORDER BY dedup_gen");
          })
          .map(rows -> {
            List<Integer> gens = new ArrayList<>();
            rows.forEach(r -> gens.add(r.getInteger(0)));
            ctx.verify(() -> assertThat(gens).containsExactly(0, 1));
            return null;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 2, timeUnit = TimeUnit.MINUTES)
  @DisplayName("an inbox read after a cursor never skips a message that commits later")
  void inboxCursorSkipsNothing(Vertx vertx, VertxTestContext ctx) {
    String number = NUMBERS.get(0).number();
    Future.all(open(vertx), open(vertx)).compose(both -> {
      StoreBackend a = both.resultAt(0);
      StoreBackend b = both.resultAt(1);
      return a.pool().addNumbers(NUMBERS)
          .compose(n -> a.pool().claim(new ClaimRequest("s1", number, null, null, "k", T0, T0.plusSeconds(600))))
          .compose(r -> recordWhileReading(vertx, a, b, number, 6000,
              (after, limit) -> b.inbox().inbox("s1", after, limit)));
    }).onComplete(ctx.succeeding(read -> ctx.verify(() -> {
      assertReadOnce(read, 6000);
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 2, timeUnit = TimeUnit.MINUTES)
  @DisplayName("the unmatched archive read after a cursor never skips a message that commits later")
  void unmatchedCursorSkipsNothing(Vertx vertx, VertxTestContext ctx) {
    String number = NUMBERS.get(1).number();
    Future.all(open(vertx), open(vertx)).compose(both -> {
      StoreBackend a = both.resultAt(0);
      StoreBackend b = both.resultAt(1);
      return a.pool().addNumbers(NUMBERS)
          .compose(n -> recordWhileReading(vertx, a, b, number, 6000,
              (after, limit) -> a.inbox().unmatched(after, limit)));
    }).onComplete(ctx.succeeding(read -> ctx.verify(() -> {
      assertReadOnce(read, 6000);
      ctx.completeNow();
    })));
  }

  /** A page of an inbox or of the archive: at most {@code limit} messages after the message {@code after}. */
  private interface Page extends BiFunction<String, Integer, Future<List<StoredSms>>> {
  }

  /** Each of m0 ... m{count - 1} was read exactly once. */
  private static void assertReadOnce(List<String> read, int count) {
    Set<String> missing = new TreeSet<>(IntStream.range(0, count).mapToObj(i -> "m" + i).toList());
    read.forEach(missing::remove);
    assertThat(missing).as("messages never read (%d of %d)", missing.size(), count).isEmpty();
    assertThat(read).as("messages read").doesNotHaveDuplicates().hasSize(count);
  }

  /**
   * Records {@code count} messages to {@code number}, ten every millisecond, half through each node (so many small
   * batches are in flight at once, on both nodes), while a reader pages with {@code read(after, limit)} from the last message it
   * saw, until it reads nothing after every record completed. Answers the ids read, in the order read.
   */
  private static Future<List<String>> recordWhileReading(Vertx vertx, StoreBackend a, StoreBackend b, String number,
                                                         int count, Page read) {
    Promise<Void> written = Promise.promise();
    List<Future<Recorded>> records = new ArrayList<>();
    vertx.setPeriodic(1, timer -> {
      for (int k = 0; k < 10 && records.size() < count; k++) {
        int i = records.size();
        StoreBackend node = i % 2 == 0 ? a : b;
        records.add(node.inbox().record(new InboundSms("m" + i, number, "Google", "code " + i, T0.plusMillis(i),
            "smpp:a", "r" + i, null, null), null, GRACE, WINDOW));
      }
      if (records.size() == count) {
        vertx.cancelTimer(timer);
        Future.all(records).<Void>mapEmpty().onComplete(written);
      }
    });
    List<String> seen = new ArrayList<>();
    Promise<List<String>> done = Promise.promise();
    readOn(vertx, null, written.future(), read, seen, done);
    return done.future();
  }

  private static void readOn(Vertx vertx, String after, Future<Void> written, Page read, List<String> seen,
                             Promise<List<String>> done) {
    if (written.failed()) {
      done.fail(written.cause());
      return;
    }
    // every record completed (committed) before this read began: a read that finds nothing after it is the last
    boolean last = written.succeeded();
    read.apply(after, 50).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      List<StoredSms> page = ar.result();
      page.forEach(m -> seen.add(m.id()));
      String next = page.isEmpty() ? after : page.get(page.size() - 1).id();
      if (page.isEmpty() && last) {
        done.complete(seen);
      } else if (page.isEmpty()) {
        vertx.setTimer(1, t -> readOn(vertx, next, written, read, seen, done));
      } else {
        readOn(vertx, next, written, read, seen, done);
      }
    });
  }

  @Test
  @DisplayName("when PostgreSQL closes the record lane's connection, the lane takes a new one and the next message is stored")
  void laneReconnects(Vertx vertx, VertxTestContext ctx) {
    String number = NUMBERS.get(0).number();
    List<Throwable> failures = new ArrayList<>();
    open(vertx).compose(backend -> backend.pool().addNumbers(NUMBERS)
        .compose(n -> backend.pool().claim(new ClaimRequest("s1", number, null, null, "k", T0, T0.plusSeconds(600))))
        .compose(r -> backend.inbox().record(new InboundSms("m1", number, "Google", "one", T0.plusSeconds(1),
            "smpp:a", "r1", "key-1", null), null, GRACE, WINDOW))
        .compose(r -> sql(vertx, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE application_name = 'inlet-record'"))
        .compose(rows -> {
          ctx.verify(() -> assertThat(rows.get(0).getLong(0)).as("record connections closed").isEqualTo(1L));
          // as an SMSC does with a temporary error: deliver again
          return recordAgainOnFailure(backend, new InboundSms("m2", number, "Google", "two", T0.plusSeconds(2),
              "smpp:a", "r2", "key-2", null), 3, failures);
        })
        .compose(r -> backend.inbox().inbox("s1", null, 10))
        .map(list -> {
          ctx.verify(() -> {
            assertThat(list).extracting(StoredSms::id).containsExactly("m1", "m2");
            assertThat(failures).as("deliveries answered with an error first").hasSizeLessThanOrEqualTo(1)
                .allSatisfy(f -> assertThat(Failure.of(f)).isEqualTo(Failure.STORE_UNAVAILABLE));
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Recorded> recordAgainOnFailure(StoreBackend backend, InboundSms sms, int attempts,
                                                       List<Throwable> failures) {
    return backend.inbox().record(sms, null, GRACE, WINDOW).recover(e -> {
      failures.add(e);
      return attempts > 1 ? recordAgainOnFailure(backend, sms, attempts - 1, failures) : Future.failedFuture(e);
    });
  }

  @Test
  @DisplayName("concurrent records are batched into few round trips")
  void recordsAreBatched(Vertx vertx, VertxTestContext ctx) {
    String number = NUMBERS.get(0).number();
    int count = 3000;
    open(vertx).compose(backend -> {
      RecordBatcher batcher = ((PgInboxStore) backend.inbox()).batcher();
      return backend.pool().addNumbers(NUMBERS)
          .compose(n -> backend.pool().claim(new ClaimRequest("s1", number, null, null, "k", T0, T0.plusSeconds(600))))
          .compose(r -> {
            long before = batcher.roundTrips();
            List<Future<Recorded>> all = IntStream.range(0, count).mapToObj(i -> backend.inbox().record(
                new InboundSms("m" + i, i % 10 == 0 ? NUMBERS.get(1).number() : number, "Google", "text " + i,
                    T0.plusMillis(i), "smpp:a", "r" + i, "key-" + i, null), null, GRACE, WINDOW)).toList();
            return Future.all(all).map(v -> {
              long trips = batcher.roundTrips() - before;
              ctx.verify(() -> {
                assertThat(trips).as("round trips for %d messages", count).isLessThanOrEqualTo(6);
                assertThat(all.stream().filter(f -> f.result().message().sessionId() == null)).hasSize(count / 10);
                assertThat(all.stream().map(f -> f.result().message().id()).distinct()).hasSize(count);
              });
              return null;
            });
          })
          .compose(v -> sql(vertx, "SELECT count(*), count(session_id) FROM messages"))
          .map(rows -> {
            ctx.verify(() -> {
              assertThat(rows.get(0).getLong(0)).isEqualTo((long) count);
              assertThat(rows.get(0).getLong(1)).isEqualTo((long) count - count / 10);
            });
            return null;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("migrations run on an empty database and again on a migrated one")
  void migrations(Vertx vertx, VertxTestContext ctx) {
    String db = "inlet_migrate_test";
    PgUri uri = PgUri.parse("postgresql://inlet:inlet@127.0.0.1:5432/" + db);
    TestDatabase.drop(vertx, db)
        .compose(v -> TestDatabase.create(vertx, db))
        .compose(v -> Migrations.run(vertx, uri))
        .compose(first -> Migrations.run(vertx, uri).map(second -> {
          ctx.verify(() -> {
            assertThat(first).isPositive();
            assertThat(second).isZero();
          });
          return null;
        }))
        .compose(v -> {
          Pool pool = PgBuilder.pool().connectingTo(uri.options()).using(vertx).build();
          return pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
              .execute().eventually(pool::close);
        })
        .map(rows -> {
          Set<String> tables = new HashSet<>();
          rows.forEach(r -> tables.add(r.getString(0)));
          ctx.verify(() -> assertThat(tables).contains("numbers", "number_blocklist", "rentals", "messages", "session_horizons",
              "ws_tokens", "flyway_schema_history"));
          return null;
        })
        .eventually(() -> TestDatabase.drop(vertx, db))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("with Redis down, rentals, ingest and expiry go on with PostgreSQL alone")
  void redisDown(Vertx vertx, VertxTestContext ctx) {
    String number = NUMBERS.get(0).number();
    PostgresStoreProvider.connect(vertx, PgUri.parse(TestDatabase.PG_URI), 4, 2, "redis://127.0.0.1:1/1")
        .compose(backend -> backend.pool().addNumbers(NUMBERS)
            .compose(n -> backend.pool().claim(new ClaimRequest("s1", number, null, null, "k", T0, T0.plusSeconds(600))))
            .compose(r -> backend.inbox().record(new InboundSms("m1", number, "Google", "hi", T0.plusSeconds(1),
                "smpp:a", "1"), null, GRACE, WINDOW))
            .compose(recorded -> {
              ctx.verify(() -> assertThat(recorded.message().sessionId()).isEqualTo("s1"));
              return backend.pool().expireDue(T0.plusSeconds(601), null, COOLDOWN, 10);
            })
            .compose(ended -> {
              ctx.verify(() -> assertThat(ended).extracting(Rental::sessionId).containsExactly("s1"));
              return backend.health().get();
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("with PostgreSQL unreachable, calls fail STORE_UNAVAILABLE and health says PostgreSQL is unreachable")
  void postgresDown(Vertx vertx, VertxTestContext ctx) {
    PgUri nowhere = PgUri.parse("postgresql://inlet:inlet@127.0.0.1:1/inlet");
    new PostgresStoreProvider().open(vertx, TestDatabase.storage().put("postgres",
            new io.vertx.core.json.JsonObject().put("uri", nowhere.uri())))
        .transform(opened -> {
          ctx.verify(() -> assertThat(Failure.of(opened.cause())).isEqualTo(Failure.STORE_UNAVAILABLE));
          return PostgresStoreProvider.connect(vertx, nowhere, 2, 1, "redis://127.0.0.1:1/1");
        })
        .compose(backend -> backend.pool().claim(anyUs("s1")).transform(claim -> {
          ctx.verify(() -> assertThat(Failure.of(claim.cause())).isEqualTo(Failure.STORE_UNAVAILABLE));
          return backend.inbox().record(new InboundSms("m1", "+12125550100", "x", "y", T0, "smpp:a", "1"), null,
              GRACE, WINDOW);
        }).transform(record -> {
          ctx.verify(() -> assertThat(Failure.of(record.cause())).isEqualTo(Failure.STORE_UNAVAILABLE));
          return backend.health().get();
        }))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.of(e)).isEqualTo(Failure.STORE_UNAVAILABLE);
          assertThat(e.getMessage()).contains("PostgreSQL is unreachable").contains("Redis is unreachable");
          ctx.completeNow();
        })));
  }
}
