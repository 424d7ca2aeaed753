package dev.inlet.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.ExtendRequest;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.RentalEvent.Kind;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.SessionQuery;
import dev.inlet.shared.store.InMemoryStore;
import dev.inlet.shared.store.NumberPoolStore;
import dev.inlet.shared.store.NumberLifecycle.State;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of renting, on the in-memory store, with a clock the test moves. What the store itself guarantees
 * (exclusive claims, history, holders) is the store contract's; this is what the pool adds on top.
 */
@ExtendWith(VertxExtension.class)
class NumberPoolTest {

  private static final PoolNumber US1 = new PoolNumber("+12125550100", "US", List.of("sms"));
  private static final PoolNumber US2 = new PoolNumber("+12125550101", "US", List.of("sms"));
  private static final PoolNumber GB1 = new PoolNumber("+447700900000", "GB", List.of("sms"));

  /** rentals of 600 s by default, at most 3600 s; 30 s of grace, 60 s of cooling-off. */
  private static final JsonObject POLICY = new JsonObject().put("mode", "production").put("rentalSeconds", 600)
      .put("maxRentalSeconds", 3600).put("graceSeconds", 30).put("cooldownSeconds", 60).put("wsTokenSeconds", 60);

  // the store checks extensions against the wall clock: start the test clock there
  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private final List<RentalEvent> events = new CopyOnWriteArrayList<>();
  private InMemoryStore store;
  private NumberPool pool;

  @BeforeEach
  void setUp(VertxTestContext ctx) {
    store = new InMemoryStore();
    pool = poolWith(POLICY);
    store.addNumbers(List.of(US1, US2, GB1)).onComplete(ctx.succeedingThenComplete());
  }

  private NumberPool poolWith(JsonObject policy) {
    return new NumberPool(store, RentalPolicy.from(policy), clock, events::add);
  }

  private static RentRequest byNumber(String number, String owner) {
    return new RentRequest(number, null, null, owner, 0);
  }

  private static RentRequest byCountry(String country, String owner) {
    return new RentRequest(null, country, null, owner, 0);
  }

  private static void assertFailure(Throwable e, Failure expected) {
    assertThat(Failure.of(e)).as(String.valueOf(e.getMessage())).isEqualTo(expected);
  }

  private List<Kind> kinds() {
    return events.stream().map(RentalEvent::kind).toList();
  }

  // ---- renting ------------------------------------------------------------------------------

  @Test
  @DisplayName("renting a free number by its number gives the renter a session on it for the default window")
  void rentByNumber(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.number()).isEqualTo(US1.number());
      assertThat(r.country()).isEqualTo("US");
      assertThat(r.owner()).isEqualTo("alice");
      assertThat(r.sessionId()).hasSizeGreaterThanOrEqualTo(22);
      assertThat(r.startedAt()).isEqualTo(clock.instant());
      assertThat(r.expiresAt()).isEqualTo(clock.instant().plusSeconds(600));
      assertThat(r.endedAt()).isNull();
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("renting by country gives a free number of that country")
  void rentByCountry(VertxTestContext ctx) {
    pool.rent(byCountry("GB", "alice")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.number()).isEqualTo(GB1.number());
      assertThat(r.country()).isEqualTo("GB");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("renting by country when every number of it is taken says no number is available")
  void rentByCountryWhenNoneLeft(VertxTestContext ctx) {
    pool.rent(byCountry("US", "alice"))
        .compose(a -> pool.rent(byCountry("US", "bob")).map(b -> List.of(a, b)))
        .compose(two -> {
          ctx.verify(() -> assertThat(two).extracting(Rental::number)
              .containsExactlyInAnyOrder(US1.number(), US2.number()));
          return pool.rent(byCountry("US", "carol"));
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.NO_NUMBER_AVAILABLE);
          assertThat(e).hasMessageContaining("US");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a number rented by one renter is refused to another as unavailable")
  void rentedIsUnavailable(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.rent(byNumber(US1.number(), "bob")))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.NUMBER_UNAVAILABLE);
          assertThat(e).hasMessageContaining("rented by someone else");
          ctx.completeNow();
        })));
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
  @DisplayName("a renter who asks for a window gets that window")
  void askedDuration(VertxTestContext ctx) {
    pool.rent(new RentRequest(US1.number(), null, null, "alice", 120)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(Duration.between(r.startedAt(), r.expiresAt())).isEqualTo(Duration.ofSeconds(120));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("the shortest and the longest allowed windows are accepted")
  void durationBounds(VertxTestContext ctx) {
    pool.rent(new RentRequest(US1.number(), null, null, "alice", 60))
        .compose(shortest -> pool.rent(new RentRequest(US2.number(), null, null, "alice", 3600)).map(longest -> {
          ctx.verify(() -> {
            assertThat(Duration.between(shortest.startedAt(), shortest.expiresAt())).isEqualTo(Duration.ofSeconds(60));
            assertThat(Duration.between(longest.startedAt(), longest.expiresAt())).isEqualTo(Duration.ofSeconds(3600));
          });
          return longest;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @ParameterizedTest(name = "{0} s")
  @ValueSource(ints = {59, 3601, -1})
  @DisplayName("a window outside the allowed range is refused as invalid, naming the limits, and nothing is rented")
  void durationOutOfRange(int seconds, VertxTestContext ctx) {
    pool.rent(new RentRequest(US1.number(), null, null, "alice", seconds))
        .transform(refused -> {
          ctx.verify(() -> {
            assertThat(refused.failed()).isTrue();
            assertFailure(refused.cause(), Failure.INVALID_REQUEST);
            assertThat(refused.cause()).hasMessageContaining("between 60 and 3600").hasMessageContaining("" + seconds);
          });
          return store.number(US1.number());
        })
        .onComplete(ctx.succeeding(status -> ctx.verify(() -> {
          assertThat(status.orElseThrow().state().state()).isEqualTo(State.FREE);
          assertThat(events).isEmpty();
          ctx.completeNow();
        })));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2125550100", "+02125550100", "+1 212 555 0100", "+1234567890123456"})
  @DisplayName("a number that is not in E.164 form is refused as invalid, naming it")
  void notE164(String number, VertxTestContext ctx) {
    pool.rent(byNumber(number, "alice")).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.INVALID_REQUEST);
      assertThat(e).hasMessageContaining("E.164").hasMessageContaining(number);
      assertThat(events).isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a rental without an owner is refused as invalid")
  void ownerRequired(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), " ")).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.INVALID_REQUEST);
      assertThat(e).hasMessageContaining("owner");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a rental that names neither a number nor a country is refused as invalid")
  void numberOrCountryRequired(VertxTestContext ctx) {
    pool.rent(new RentRequest(null, null, null, "alice", 0)).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.INVALID_REQUEST);
      assertThat(e).hasMessageContaining("number or a country");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a rental is announced as started, once")
  void rentAnnounced(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(events).containsExactly(new RentalEvent(Kind.STARTED, r));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a refused rental announces nothing")
  void refusedNotAnnounced(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.rent(byNumber(US1.number(), "bob")))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(kinds()).containsExactly(Kind.STARTED);
          assertThat(events.get(0).rental().owner()).isEqualTo("alice");
          ctx.completeNow();
        })));
  }

  // ---- cooling-off --------------------------------------------------------------------------

  @Test
  @DisplayName("after a release the number cannot be rented again until its cooling-off has passed")
  void coolingOff(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.release(SessionQuery.byOwner(r.sessionId(), "alice")))
        .compose(released -> {
          clock.advance(Duration.ofSeconds(59));
          return pool.rent(byNumber(US1.number(), "bob"));
        })
        .transform(early -> {
          ctx.verify(() -> {
            assertThat(early.failed()).isTrue();
            assertFailure(early.cause(), Failure.NUMBER_UNAVAILABLE);
            assertThat(early.cause()).hasMessageContaining("cooling off");
          });
          clock.advance(Duration.ofSeconds(1));
          return pool.rent(byNumber(US1.number(), "bob"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.owner()).isEqualTo("bob");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a cooling-off configured shorter than the grace lasts as long as the grace")
  void cooldownNeverShorterThanGrace(VertxTestContext ctx) {
    NumberPool shortCooldown = poolWith(POLICY.copy().put("graceSeconds", 30).put("cooldownSeconds", 10));
    shortCooldown.rent(byNumber(US1.number(), "alice"))
        .compose(r -> shortCooldown.release(SessionQuery.byOwner(r.sessionId(), "alice")))
        .compose(released -> {
          clock.advance(Duration.ofSeconds(29));
          return shortCooldown.rent(byNumber(US1.number(), "bob"));
        })
        .transform(early -> {
          ctx.verify(() -> {
            assertThat(early.failed()).as("rented again within the grace").isTrue();
            assertFailure(early.cause(), Failure.NUMBER_UNAVAILABLE);
          });
          clock.advance(Duration.ofSeconds(1));
          return shortCooldown.rent(byNumber(US1.number(), "bob"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.owner()).isEqualTo("bob");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a release between listing and claiming never skips the cooling-off: renting the number right after is refused")
  void releaseThenRentByNumber(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.available(new NumbersQuery("US", null)).map(listed -> {
          // bob lists the numbers while alice still holds hers: US2 only
          ctx.verify(() -> assertThat(listed).containsExactly(US2));
          return r;
        }))
        .compose(r -> pool.release(SessionQuery.byOwner(r.sessionId(), "alice")))
        .compose(released -> pool.rent(byNumber(US1.number(), "bob")))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.NUMBER_UNAVAILABLE);
          assertThat(e).hasMessageContaining("cooling off");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a number just released is not given to a renter by country either")
  void releaseThenRentByCountry(VertxTestContext ctx) {
    pool.rent(byCountry("GB", "alice"))
        .compose(r -> pool.release(SessionQuery.byOwner(r.sessionId(), "alice")))
        .compose(released -> pool.rent(byCountry("GB", "bob")))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.NO_NUMBER_AVAILABLE);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the available numbers leave out rented ones and those cooling off, and list them again after")
  void availability(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.release(SessionQuery.byOwner(r.sessionId(), "alice")))
        .compose(r -> pool.rent(byNumber(US2.number(), "alice")))
        .compose(r -> pool.available(NumbersQuery.all()))
        .compose(free -> {
          ctx.verify(() -> assertThat(free).containsExactly(GB1));
          clock.advance(Duration.ofSeconds(60));
          return pool.available(NumbersQuery.all());
        })
        .onComplete(ctx.succeeding(free -> ctx.verify(() -> {
          assertThat(free).containsExactly(US1, GB1);
          ctx.completeNow();
        })));
  }

  // ---- sessions, releases, tokens -----------------------------------------------------------

  @Test
  @DisplayName("releasing ends the session now, as released, and announces its end")
  void release(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> {
          clock.advance(Duration.ofSeconds(42));
          return pool.release(SessionQuery.byOwner(r.sessionId(), "alice"));
        })
        .onComplete(ctx.succeeding(ended -> ctx.verify(() -> {
          assertThat(ended.endedAt()).isEqualTo(clock.instant());
          assertThat(ended.endReason()).isEqualTo(NumberPool.RELEASED);
          assertThat(kinds()).containsExactly(Kind.STARTED, Kind.ENDED);
          assertThat(events.get(1).rental()).isEqualTo(ended);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("releasing a session again answers the ended session as it was, and announces the end once")
  void releaseIsIdempotent(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.release(SessionQuery.byOwner(r.sessionId(), "alice")))
        .compose(first -> {
          clock.advance(Duration.ofSeconds(5));
          return pool.release(SessionQuery.byOwner(first.sessionId(), "alice")).map(second -> List.of(first, second));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both.get(1)).isEqualTo(both.get(0));
          assertThat(kinds()).containsExactly(Kind.STARTED, Kind.ENDED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("releasing a session past its window that the sweeper has not ended yet records it expired at its expiry")
  void releaseAfterExpiry(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> {
          clock.advance(Duration.ofSeconds(700));
          return pool.release(SessionQuery.byOwner(r.sessionId(), "alice"));
        })
        .onComplete(ctx.succeeding(ended -> ctx.verify(() -> {
          assertThat(ended.endReason()).isEqualTo("EXPIRED");
          assertThat(ended.endedAt()).isEqualTo(ended.expiresAt());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("two releases of one session at once both answer the ended session, and its end is announced once")
  void concurrentReleases(VertxTestContext ctx) {
    // both releases read the session before either ends it: the store's end runs once both have asked
    NumberPool racing = new NumberPool(endsInPairs(store), RentalPolicy.from(POLICY), clock, events::add);
    racing.rent(byNumber(US1.number(), "alice"))
        .compose(r -> Future.all(racing.release(SessionQuery.byOwner(r.sessionId(), "alice")),
            racing.release(SessionQuery.byOwner(r.sessionId(), "alice"))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          Rental first = both.resultAt(0);
          Rental second = both.resultAt(1);
          assertThat(first.endReason()).isEqualTo(NumberPool.RELEASED);
          assertThat(second).isEqualTo(first);
          assertThat(kinds()).containsExactly(Kind.STARTED, Kind.ENDED);
          ctx.completeNow();
        })));
  }

  /** The store, except that calls to {@code end} wait until a second one comes, then run in the order they came. */
  private static NumberPoolStore endsInPairs(NumberPoolStore delegate) {
    List<Runnable> waiting = new ArrayList<>();
    return (NumberPoolStore) Proxy.newProxyInstance(NumberPoolStore.class.getClassLoader(),
        new Class<?>[] {NumberPoolStore.class}, (proxy, method, args) -> {
          if (!method.getName().equals("end")) {
            return method.invoke(delegate, args);
          }
          Promise<Object> result = Promise.promise();
          synchronized (waiting) {
            waiting.add(() -> ((Future<?>) invoke(method, delegate, args)).onComplete(ar -> {
              if (ar.succeeded()) {
                result.complete(ar.result());
              } else {
                result.fail(ar.cause());
              }
            }));
            if (waiting.size() == 2) {
              waiting.forEach(Runnable::run);
            }
          }
          return result.future();
        });
  }

  private static Object invoke(Method method, Object target, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("another owner cannot release a session: it is not found, and it goes on")
  void releaseByStranger(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.release(SessionQuery.byOwner(r.sessionId(), "mallory")).transform(stranger -> {
          ctx.verify(() -> {
            assertThat(stranger.failed()).isTrue();
            assertFailure(stranger.cause(), Failure.SESSION_NOT_FOUND);
          });
          return pool.session(SessionQuery.byOwner(r.sessionId(), "alice"));
        }))
        .onComplete(ctx.succeeding(still -> ctx.verify(() -> {
          assertThat(still.endedAt()).isNull();
          assertThat(kinds()).containsExactly(Kind.STARTED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a session is shown to its owner")
  void sessionForOwner(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.session(SessionQuery.byOwner(r.sessionId(), "alice")).map(seen -> {
          ctx.verify(() -> assertThat(seen).isEqualTo(r));
          return seen;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a session id that does not exist is not found")
  void unknownSession(VertxTestContext ctx) {
    pool.session(SessionQuery.byOwner("no-such-session", "alice")).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.SESSION_NOT_FOUND);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a session query with neither an owner nor a token is refused as invalid")
  void sessionNeedsProof(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.session(new SessionQuery(r.sessionId(), null, null)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.INVALID_REQUEST);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a WebSocket token opens its own session")
  void tokenOpensItsSession(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(a -> pool.wsToken(SessionQuery.byOwner(a.sessionId(), "alice"))
            .compose(token -> pool.session(SessionQuery.byToken(a.sessionId(), token.token())))
            .map(seen -> {
              ctx.verify(() -> assertThat(seen).isEqualTo(a));
              return seen;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a WebSocket token does not open another session")
  void tokenOnlyForItsSession(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(a -> pool.rent(byNumber(US2.number(), "alice"))
            .compose(b -> pool.wsToken(SessionQuery.byOwner(a.sessionId(), "alice"))
                .compose(tokenOfA -> pool.session(SessionQuery.byToken(b.sessionId(), tokenOfA.token())))))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.SESSION_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a WebSocket token lasts its lifetime (60 s), no longer than its session's window")
  void tokenLifetime(VertxTestContext ctx) {
    Instant start = clock.instant();
    pool.rent(new RentRequest(US1.number(), null, null, "alice", 60))
        .compose(a -> pool.rent(byNumber(US2.number(), "alice")).compose(b -> {
          clock.advance(Duration.ofSeconds(30));
          return Future.all(
              pool.wsToken(SessionQuery.byOwner(a.sessionId(), "alice")),
              pool.wsToken(SessionQuery.byOwner(b.sessionId(), "alice")));
        }))
        .onComplete(ctx.succeeding(tokens -> ctx.verify(() -> {
          assertThat(tokens.<dev.inlet.shared.message.WsToken>resultAt(0).expiresAt()).isEqualTo(start.plusSeconds(60));
          assertThat(tokens.<dev.inlet.shared.message.WsToken>resultAt(1).expiresAt()).isEqualTo(start.plusSeconds(90));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a WebSocket token opens its session once: the second use is refused as an unknown token")
  void tokenSingleUse(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(a -> pool.wsToken(SessionQuery.byOwner(a.sessionId(), "alice"))
            .compose(token -> pool.session(SessionQuery.byToken(a.sessionId(), token.token()))
                .compose(first -> pool.session(SessionQuery.byToken(a.sessionId(), token.token())))))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.SESSION_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a new WebSocket token revokes the session's earlier one")
  void tokenReissueRevokes(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(a -> pool.wsToken(SessionQuery.byOwner(a.sessionId(), "alice"))
            .compose(old -> pool.wsToken(SessionQuery.byOwner(a.sessionId(), "alice"))
                .compose(fresh -> pool.session(SessionQuery.byToken(a.sessionId(), old.token())))))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.SESSION_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the token of a released session answers exactly as a forged token to an unknown session does")
  void deadTokenAsUnknown(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(a -> pool.wsToken(SessionQuery.byOwner(a.sessionId(), "alice"))
            .compose(token -> pool.release(SessionQuery.byOwner(a.sessionId(), "alice"))
                .compose(ended -> refusal(pool.session(SessionQuery.byToken(a.sessionId(), token.token())))
                    .compose(dead -> refusal(pool.session(SessionQuery.byToken(a.sessionId(), "forged")))
                        .map(forged -> List.of(dead, forged))))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertFailure(both.get(0), Failure.SESSION_NOT_FOUND);
          assertFailure(both.get(1), Failure.SESSION_NOT_FOUND);
          assertThat(both.get(0).getMessage()).isEqualTo(both.get(1).getMessage());
          ctx.completeNow();
        })));
  }

  /** The failure of a future that must fail. */
  private static Future<Throwable> refusal(Future<?> f) {
    return f.transform(ar -> ar.succeeded() ? Future.failedFuture(new AssertionError("not refused: " + ar.result()))
        : Future.succeededFuture(ar.cause()));
  }

  @Test
  @DisplayName("an expired WebSocket token no longer opens its session")
  void expiredToken(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(a -> pool.wsToken(SessionQuery.byOwner(a.sessionId(), "alice")).compose(token -> {
          clock.advance(Duration.ofSeconds(60));
          return pool.session(SessionQuery.byToken(a.sessionId(), token.token()));
        }))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.SESSION_NOT_FOUND);
          assertThat(e).hasMessageContaining("token");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("no WebSocket token is given for a session that has ended")
  void noTokenAfterEnd(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(a -> pool.release(SessionQuery.byOwner(a.sessionId(), "alice")))
        .compose(ended -> pool.wsToken(SessionQuery.byOwner(ended.sessionId(), "alice")))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.SESSION_ENDED);
          ctx.completeNow();
        })));
  }

  // ---- extensions ---------------------------------------------------------------------------

  @Test
  @DisplayName("extending moves the session's expiry by the asked seconds and announces it")
  void extend(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.extend(new ExtendRequest(r.sessionId(), "alice", 900)).map(extended -> {
          ctx.verify(() -> {
            assertThat(extended.expiresAt()).isEqualTo(r.expiresAt().plusSeconds(900));
            assertThat(events).containsExactly(new RentalEvent(Kind.STARTED, r), new RentalEvent(Kind.EXTENDED, extended));
          });
          return extended;
        }))
        .compose(extended -> store.rental(extended.sessionId()).map(stored -> {
          ctx.verify(() -> assertThat(stored).contains(extended));
          return stored;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a session can be extended up to the longest rental, counted from its start")
  void extendToTheLimit(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.extend(new ExtendRequest(r.sessionId(), "alice", 3000)).map(extended -> {
          ctx.verify(() -> assertThat(extended.expiresAt()).isEqualTo(r.startedAt().plusSeconds(3600)));
          return extended;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("an extension beyond the longest rental is refused, saying by how much it can still be extended")
  void extendBeyondMax(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.extend(new ExtendRequest(r.sessionId(), "alice", 1000))
            .compose(once -> pool.extend(new ExtendRequest(r.sessionId(), "alice", 2001)))
            .transform(refused -> {
              ctx.verify(() -> {
                assertThat(refused.failed()).isTrue();
                assertFailure(refused.cause(), Failure.INVALID_REQUEST);
                assertThat(refused.cause()).hasMessage("a rental lasts at most 3600 s; this one can be extended by at most 2000 s");
              });
              return store.rental(r.sessionId());
            })
            .map(stored -> {
              ctx.verify(() -> {
                assertThat(stored.orElseThrow().expiresAt()).isEqualTo(r.expiresAt().plusSeconds(1000));
                assertThat(kinds()).containsExactly(Kind.STARTED, Kind.EXTENDED);
              });
              return stored;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a released session cannot be extended")
  void extendReleased(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.release(SessionQuery.byOwner(r.sessionId(), "alice")))
        .compose(ended -> pool.extend(new ExtendRequest(ended.sessionId(), "alice", 60)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.SESSION_ENDED);
          assertThat(kinds()).doesNotContain(Kind.EXTENDED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a session whose window has passed cannot be extended, even before the sweeper ends it")
  void extendExpired(VertxTestContext ctx) {
    pool.rent(new RentRequest(US1.number(), null, null, "alice", 60))
        .compose(r -> {
          clock.advance(Duration.ofSeconds(60));
          return pool.extend(new ExtendRequest(r.sessionId(), "alice", 60));
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.SESSION_ENDED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an extension by zero seconds is refused as invalid")
  void extendByNothing(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.extend(new ExtendRequest(r.sessionId(), "alice", 0)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.INVALID_REQUEST);
          assertThat(e).hasMessageContaining("positive");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("another owner cannot extend a session: it is not found")
  void extendByStranger(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> pool.extend(new ExtendRequest(r.sessionId(), "mallory", 60)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.SESSION_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  // ---- expiry -------------------------------------------------------------------------------

  @Test
  @DisplayName("the sweep ends rentals whose window has passed, as expired at their expiry, and announces each once")
  void expireDue(VertxTestContext ctx) {
    pool.rent(new RentRequest(US1.number(), null, null, "alice", 60))
        .compose(short1 -> pool.rent(byNumber(US2.number(), "bob")))
        .compose(long1 -> {
          clock.advance(Duration.ofSeconds(61));
          return pool.expireDue();
        })
        .compose(first -> pool.expireDue().map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(counts -> ctx.verify(() -> {
          assertThat(counts).containsExactly(1, 0);
          List<Rental> ended = events.stream().filter(e -> e.kind() == Kind.ENDED).map(RentalEvent::rental).toList();
          assertThat(ended).hasSize(1);
          assertThat(ended.get(0).number()).isEqualTo(US1.number());
          assertThat(ended.get(0).endReason()).isEqualTo("EXPIRED");
          assertThat(ended.get(0).endedAt()).isEqualTo(ended.get(0).startedAt().plusSeconds(60));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("with an idle time set, the sweep ends rentals without a message for that long, as idle")
  void expireIdle(VertxTestContext ctx) {
    NumberPool idling = poolWith(POLICY.copy().put("idleSeconds", 120));
    idling.rent(byNumber(US1.number(), "alice"))
        .compose(r -> {
          clock.advance(Duration.ofSeconds(121));
          return idling.expireDue();
        })
        .compose(first -> idling.expireDue().map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(counts -> ctx.verify(() -> {
          assertThat(counts).containsExactly(1, 0);
          List<RentalEvent> ended = events.stream().filter(e -> e.kind() == Kind.ENDED).toList();
          assertThat(ended).hasSize(1);
          assertThat(ended.get(0).rental().endReason()).isEqualTo("IDLE");
          assertThat(ended.get(0).rental().endedAt()).isEqualTo(ended.get(0).rental().startedAt().plusSeconds(120));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("without an idle time, a rental without messages lasts its whole window")
  void noIdleByDefault(VertxTestContext ctx) {
    pool.rent(byNumber(US1.number(), "alice"))
        .compose(r -> {
          clock.advance(Duration.ofSeconds(599));
          return pool.expireDue();
        })
        .compose(none -> {
          ctx.verify(() -> assertThat(none).isZero());
          clock.advance(Duration.ofSeconds(1));
          return pool.expireDue();
        })
        .onComplete(ctx.succeeding(ended -> ctx.verify(() -> {
          assertThat(ended).isEqualTo(1);
          assertThat(events.get(events.size() - 1).rental().endReason()).isEqualTo("EXPIRED");
          ctx.completeNow();
        })));
  }
}
