package dev.inlet.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.DedupClaim;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.Settled;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.message.WsToken;
import dev.inlet.shared.sms.Segment;
import dev.inlet.shared.sms.SmsAlphabet;
import dev.inlet.shared.store.NumberLifecycle.State;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every store backend must do: one suite for the in-memory, embedded and PostgreSQL + Redis stores.
 * Each backend's test extends it and opens an empty store.
 */
@ExtendWith(VertxExtension.class)
public abstract class StoreContract {

  protected static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  protected static final Duration GRACE = Duration.ofSeconds(30);
  protected static final Duration COOLDOWN = Duration.ofSeconds(60);
  protected static final Duration WINDOW = Duration.ofMinutes(10);
  protected static final PoolNumber US1 = new PoolNumber("+12125550100", "US", List.of("sms"));
  protected static final PoolNumber US2 = new PoolNumber("+12125550101", "US", List.of("sms"));
  protected static final PoolNumber GB1 = new PoolNumber("+447700900000", "GB", List.of("sms"));

  protected NumberPoolStore pool;
  protected InboxStore inbox;

  /** An empty store. */
  protected abstract Future<StoreBackend> open(Vertx vertx);

  @BeforeEach
  void openStore(Vertx vertx, VertxTestContext ctx) {
    open(vertx).compose(b -> {
      pool = b.pool();
      inbox = b.inbox();
      return pool.addNumbers(List.of(US1, US2, GB1));
    }).onComplete(ctx.succeedingThenComplete());
  }

  protected static ClaimRequest claimOf(String session, String number, Instant at) {
    return new ClaimRequest(session, number, null, null, "owner-" + session, at, at.plusSeconds(600));
  }

  protected static ClaimRequest claimIn(String session, String country, String service, Instant at) {
    return new ClaimRequest(session, null, country, service, "owner-" + session, at, at.plusSeconds(600));
  }

  protected static InboundSms sms(String id, String to, Instant at) {
    return new InboundSms(id, to, "Google", "Your code is " + id, at, "smpp:test", "1", null, null);
  }

  protected static InboundSms sms(String id, String to, Instant at, String dedupKey) {
    return new InboundSms(id, to, "Google", "Your code is " + id, at, "smpp:test", "1", dedupKey, null);
  }

  private static void assertFailure(Throwable e, Failure expected) {
    assertThat(Failure.of(e)).as(String.valueOf(e.getMessage())).isEqualTo(expected);
  }

  // ---- numbers ------------------------------------------------------------------------------

  @Test
  @DisplayName("adding numbers again keeps one copy of each and counts only the new ones")
  void addIsIdempotent(VertxTestContext ctx) {
    PoolNumber us3 = new PoolNumber("+12125550102", "US", List.of("sms"));
    pool.addNumbers(List.of(US1, us3))
        .compose(added -> pool.numbers(NumberQuery.all(10)).map(all -> {
          ctx.verify(() -> {
            assertThat(added).isEqualTo(1);
            assertThat(all).extracting(NumberStatus::number).containsExactly(US1, US2, us3, GB1);
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("numbers are listed in pages, by country, after a cursor")
  void paging(VertxTestContext ctx) {
    Future.all(pool.numbers(new NumberQuery("US", null, null, null, 1)),
            pool.numbers(new NumberQuery("US", null, null, US1.number(), 10)),
            pool.numbers(new NumberQuery("GB", null, null, null, 10)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<List<NumberStatus>>resultAt(0)).extracting(NumberStatus::number).containsExactly(US1);
          assertThat(all.<List<NumberStatus>>resultAt(1)).extracting(NumberStatus::number).containsExactly(US2);
          assertThat(all.<List<NumberStatus>>resultAt(2)).extracting(NumberStatus::number).containsExactly(GB1);
          ctx.completeNow();
        })));
  }

  // ---- claims -------------------------------------------------------------------------------

  @Test
  @DisplayName("of many claims of one number at once, exactly one wins and the others are told it is rented")
  void claimIsExclusive(VertxTestContext ctx) {
    List<Future<Rental>> attempts = IntStream.range(0, 20)
        .mapToObj(i -> pool.claim(claimOf("s" + i, US1.number(), T0))).toList();
    Future.join(attempts).onComplete(done -> ctx.verify(() -> {
      assertThat(attempts.stream().filter(Future::succeeded).count()).isEqualTo(1);
      attempts.stream().filter(Future::failed).forEach(f -> assertFailure(f.cause(), Failure.NUMBER_UNAVAILABLE));
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("a claim by country takes a free number of that country, and says so when none is left")
  void claimByCountry(VertxTestContext ctx) {
    pool.claim(claimIn("s1", "GB", null, T0))
        .compose(first -> pool.claim(claimIn("s2", "GB", null, T0)).transform(second -> {
          ctx.verify(() -> {
            assertThat(first.number()).isEqualTo(GB1.number());
            assertThat(first.country()).isEqualTo("GB");
            assertThat(second.failed()).isTrue();
            assertFailure(second.cause(), Failure.NO_NUMBER_AVAILABLE);
          });
          return Future.succeededFuture();
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a number outside the pool cannot be claimed")
  void claimUnknown(VertxTestContext ctx) {
    pool.claim(claimOf("s1", "+15550000000", T0)).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.UNKNOWN_NUMBER);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a claim retried with the same session id answers the same rental")
  void claimIsIdempotent(VertxTestContext ctx) {
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(first -> pool.claim(claimOf("s1", US1.number(), T0)).map(second -> {
          ctx.verify(() -> assertThat(second).isEqualTo(first));
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("an ended rental's number cools off until its end plus the cooling-off, then is free")
  void coolingOff(VertxTestContext ctx) {
    Instant end = T0.plusSeconds(5);
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> pool.end("s1", end, "RELEASED", COOLDOWN))
        .compose(r -> pool.claim(claimOf("s2", US1.number(), end.plus(COOLDOWN).minusMillis(1))).transform(early -> {
          ctx.verify(() -> {
            assertThat(early.failed()).isTrue();
            assertFailure(early.cause(), Failure.NUMBER_UNAVAILABLE);
            assertThat(early.cause().getMessage()).contains("cooling off");
          });
          return pool.claim(claimOf("s3", US1.number(), end.plus(COOLDOWN)));
        }))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.sessionId()).isEqualTo("s3");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a number cooling off is not offered by country either")
  void coolingOffByCountry(VertxTestContext ctx) {
    pool.claim(claimOf("s1", GB1.number(), T0))
        .compose(r -> pool.end("s1", T0.plusSeconds(1), "RELEASED", COOLDOWN))
        .compose(r -> pool.numbers(new NumberQuery("GB", T0.plusSeconds(2), null, null, 10)))
        .compose(free -> {
          ctx.verify(() -> assertThat(free).isEmpty());
          return pool.claim(claimIn("s2", "GB", null, T0.plusSeconds(2)));
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.NO_NUMBER_AVAILABLE);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a rental ends once: the first end answers it ended, a second answers nothing")
  void endOnce(VertxTestContext ctx) {
    Instant end = T0.plusSeconds(60);
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> pool.end("s1", end, "RELEASED", COOLDOWN))
        .compose(first -> pool.end("s1", end.plusSeconds(1), "RELEASED", COOLDOWN).map(second -> {
          ctx.verify(() -> {
            assertThat(first).map(Rental::endedAt).contains(end);
            assertThat(first).map(Rental::endReason).contains("RELEASED");
            assertThat(second).isEmpty();
          });
          return null;
        }))
        .compose(v -> Future.all(pool.rental("s1"), pool.number(US1.number())))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          Optional<Rental> stored = all.resultAt(0);
          assertThat(stored.orElseThrow().endedAt()).isEqualTo(end);
          Optional<NumberStatus> status = all.resultAt(1);
          assertThat(status.orElseThrow().state().state()).isEqualTo(State.COOLDOWN);
          assertThat(status.orElseThrow().state().until()).isEqualTo(end.plus(COOLDOWN));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a number on a service's blocklist is never given to that service, and is to others")
  void blocklist(VertxTestContext ctx) {
    pool.setBlocked(GB1.number(), "acme", true)
        .compose(s -> {
          ctx.verify(() -> assertThat(s.blockedServices()).containsExactly("acme"));
          return pool.claim(claimIn("s1", "GB", "acme", T0)).transform(byCountry -> {
            ctx.verify(() -> assertFailure(byCountry.cause(), Failure.NO_NUMBER_AVAILABLE));
            return pool.claim(new ClaimRequest("s2", GB1.number(), null, "acme", "o", T0, T0.plusSeconds(60)));
          });
        })
        .transform(named -> {
          ctx.verify(() -> assertFailure(named.cause(), Failure.NUMBER_UNAVAILABLE));
          return pool.claim(claimIn("s3", "GB", "other", T0));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.number()).isEqualTo(GB1.number());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("quarantine ends the rental that holds the number and keeps it out of the pool until returned")
  void quarantine(VertxTestContext ctx) {
    Instant at = T0.plusSeconds(10);
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> pool.quarantine(US1.number(), at, null, "modem unplugged", COOLDOWN))
        .compose(ended -> {
          ctx.verify(() -> {
            assertThat(ended).map(Rental::endReason).contains("QUARANTINED");
            assertThat(ended).map(Rental::endedAt).contains(at);
          });
          return pool.claim(claimOf("s2", US1.number(), at.plus(Duration.ofDays(1)))).transform(refused -> {
            ctx.verify(() -> {
              assertFailure(refused.cause(), Failure.NUMBER_UNAVAILABLE);
              assertThat(refused.cause().getMessage()).contains("quarantine");
            });
            return pool.returnFromQuarantine(US1.number(), at.plus(Duration.ofDays(1)), COOLDOWN);
          });
        })
        .compose(status -> {
          ctx.verify(() -> assertThat(status.state().state()).isEqualTo(State.FREE));
          return pool.claim(claimOf("s3", US1.number(), at.plus(Duration.ofDays(1))));
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a timed quarantine ends by itself")
  void timedQuarantine(VertxTestContext ctx) {
    Instant until = T0.plusSeconds(300);
    pool.quarantine(US2.number(), T0, until, "weak signal", COOLDOWN)
        .compose(none -> pool.claim(claimOf("s1", US2.number(), until.minusMillis(1))).transform(early -> {
          ctx.verify(() -> assertFailure(early.cause(), Failure.NUMBER_UNAVAILABLE));
          return pool.claim(claimOf("s2", US2.number(), until));
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("extending moves the expiry of an active rental; an ended one cannot be extended")
  void extend(VertxTestContext ctx) {
    Instant later = T0.plusSeconds(1200);
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> pool.extend("s1", later))
        .compose(extended -> {
          ctx.verify(() -> assertThat(extended.expiresAt()).isEqualTo(later));
          return pool.end("s1", T0.plusSeconds(1), "RELEASED", COOLDOWN);
        })
        .compose(v -> pool.extend("s1", later.plusSeconds(60)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.SESSION_ENDED);
          ctx.completeNow();
        })));
  }

  // ---- time: holders, expiry, live rentals, history -------------------------------------------

  @Test
  @DisplayName("the holder of a number at an instant comes from the rental history, grace included")
  void holder(VertxTestContext ctx) {
    Instant end = T0.plusSeconds(100);
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> pool.end("s1", end, "RELEASED", COOLDOWN))
        .compose(r -> Future.all(List.of(
            pool.holder(US1.number(), T0.minusMillis(1), GRACE),
            pool.holder(US1.number(), T0, GRACE),
            pool.holder(US1.number(), end.plus(GRACE).minusMillis(1), GRACE),
            pool.holder(US1.number(), end.plus(GRACE), GRACE),
            pool.holder(US2.number(), T0.plusSeconds(1), GRACE))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<Optional<Rental>>resultAt(0)).isEmpty();
          assertThat(all.<Optional<Rental>>resultAt(1)).map(Rental::sessionId).contains("s1");
          assertThat(all.<Optional<Rental>>resultAt(2)).map(Rental::sessionId).contains("s1");
          assertThat(all.<Optional<Rental>>resultAt(3)).isEmpty();
          assertThat(all.<Optional<Rental>>resultAt(4)).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("expiry ends rentals past their window at their expiry, and idle ones when their idle time ran out")
  void expireDue(VertxTestContext ctx) {
    Duration idle = Duration.ofSeconds(120);
    Instant now = T0.plusSeconds(601);
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> pool.claim(new ClaimRequest("s2", US2.number(), null, null, "o", T0.plusSeconds(400),
            T0.plusSeconds(2000))))
        .compose(r -> pool.claim(new ClaimRequest("s3", GB1.number(), null, null, "o", T0.plusSeconds(590),
            T0.plusSeconds(2000))))
        .compose(r -> pool.expireDue(now, idle, COOLDOWN, 100))
        .compose(ended -> {
          ctx.verify(() -> {
            assertThat(ended).extracting(Rental::sessionId).containsExactlyInAnyOrder("s1", "s2");
            Rental s1 = ended.stream().filter(r -> r.sessionId().equals("s1")).findFirst().orElseThrow();
            Rental s2 = ended.stream().filter(r -> r.sessionId().equals("s2")).findFirst().orElseThrow();
            assertThat(s1.endReason()).isEqualTo("EXPIRED");
            assertThat(s1.endedAt()).isEqualTo(T0.plusSeconds(600));
            assertThat(s2.endReason()).isEqualTo("IDLE");
            assertThat(s2.endedAt()).isEqualTo(T0.plusSeconds(520));
          });
          return pool.expireDue(now, idle, COOLDOWN, 100);
        })
        .onComplete(ctx.succeeding(again -> ctx.verify(() -> {
          assertThat(again).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("expiry ends at most the given number of rentals per call")
  void expireIsBounded(VertxTestContext ctx) {
    Instant now = T0.plusSeconds(601);
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> pool.claim(claimOf("s2", US2.number(), T0)))
        .compose(r -> pool.expireDue(now, null, COOLDOWN, 1))
        .compose(first -> pool.expireDue(now, null, COOLDOWN, 1).map(second -> {
          ctx.verify(() -> {
            assertThat(first).hasSize(1);
            assertThat(second).hasSize(1);
            assertThat(second.get(0).sessionId()).isNotEqualTo(first.get(0).sessionId());
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a message keeps a rental from going idle")
  void messageResetsIdle(VertxTestContext ctx) {
    Duration idle = Duration.ofSeconds(120);
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> inbox.record(sms("m1", US1.number(), T0.plusSeconds(100)), null, GRACE, WINDOW))
        .compose(r -> pool.expireDue(T0.plusSeconds(200), idle, COOLDOWN, 10))
        .compose(none -> {
          ctx.verify(() -> assertThat(none).isEmpty());
          return pool.expireDue(T0.plusSeconds(221), idle, COOLDOWN, 10);
        })
        .onComplete(ctx.succeeding(ended -> ctx.verify(() -> {
          assertThat(ended).extracting(Rental::endReason).containsExactly("IDLE");
          assertThat(ended.get(0).endedAt()).isEqualTo(T0.plusSeconds(220));
          assertThat(ended.get(0).lastSmsAt()).isEqualTo(T0.plusSeconds(100));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("live rentals are those that hold their number or ended within the grace")
  void liveRentals(VertxTestContext ctx) {
    Instant now = T0.plusSeconds(100);
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> pool.claim(claimOf("s2", US2.number(), T0)))
        .compose(r -> pool.claim(claimOf("s3", GB1.number(), T0)))
        .compose(r -> pool.end("s2", T0.plusSeconds(90), "RELEASED", COOLDOWN))
        .compose(r -> pool.end("s3", T0.plusSeconds(10), "RELEASED", COOLDOWN))
        .compose(r -> pool.liveRentals(now, now.minus(GRACE)))
        .onComplete(ctx.succeeding(live -> ctx.verify(() -> {
          assertThat(live).extracting(Rental::sessionId).containsExactlyInAnyOrder("s1", "s2");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a number's history lists who held it, newest first, with when and why it ended")
  void history(VertxTestContext ctx) {
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> pool.end("s1", T0.plusSeconds(10), "RELEASED", Duration.ZERO))
        .compose(r -> pool.claim(claimOf("s2", US1.number(), T0.plusSeconds(40))))
        .compose(r -> pool.history(US1.number(), 10))
        .onComplete(ctx.succeeding(h -> ctx.verify(() -> {
          assertThat(h).extracting(Rental::sessionId).containsExactly("s2", "s1");
          assertThat(h).extracting(Rental::owner).containsExactly("owner-s2", "owner-s1");
          assertThat(h.get(1).endReason()).isEqualTo("RELEASED");
          assertThat(h.get(1).endedAt()).isEqualTo(T0.plusSeconds(10));
          assertThat(h.get(0).endedAt()).isNull();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a WebSocket token is found until it expires")
  void tokens(VertxTestContext ctx) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    WsToken token = new WsToken("s1", "tok-" + UUID.randomUUID(), now.plusSeconds(60));
    pool.putWsToken(token)
        .compose(v -> Future.all(pool.wsToken(token.token(), now), pool.wsToken(token.token(), now.plusSeconds(61)),
            pool.wsToken("other", now)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<Optional<WsToken>>resultAt(0)).contains(token);
          assertThat(all.<Optional<WsToken>>resultAt(1)).isEmpty();
          assertThat(all.<Optional<WsToken>>resultAt(2)).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a WebSocket token is redeemed once: the second use finds nothing")
  void tokenSingleUse(VertxTestContext ctx) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    WsToken token = new WsToken("s1", "tok-" + UUID.randomUUID(), now.plusSeconds(60));
    pool.issueWsToken(token)
        .compose(v -> pool.redeemWsToken("s1", token.token(), now))
        .compose(first -> pool.redeemWsToken("s1", token.token(), now).map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both.get(0)).contains(token);
          assertThat(both.get(1)).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("issuing a session a new WebSocket token revokes its earlier one")
  void tokenReissueRevokes(VertxTestContext ctx) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    WsToken old = new WsToken("s1", "old-" + UUID.randomUUID(), now.plusSeconds(60));
    WsToken fresh = new WsToken("s1", "new-" + UUID.randomUUID(), now.plusSeconds(60));
    pool.issueWsToken(old)
        .compose(v -> pool.issueWsToken(fresh))
        .compose(v -> pool.redeemWsToken("s1", old.token(), now))
        .compose(first -> pool.redeemWsToken("s1", fresh.token(), now).map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both.get(0)).isEmpty();
          assertThat(both.get(1)).contains(fresh);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a revoked WebSocket token, or an expired one, is not redeemed")
  void tokenRevokedOrExpired(VertxTestContext ctx) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    WsToken revoked = new WsToken("s1", "tok-" + UUID.randomUUID(), now.plusSeconds(60));
    WsToken expiring = new WsToken("s2", "tok-" + UUID.randomUUID(), now.plusSeconds(60));
    pool.issueWsToken(revoked)
        .compose(v -> pool.issueWsToken(expiring))
        .compose(v -> pool.revokeWsTokens("s1"))
        .compose(v -> Future.all(pool.redeemWsToken("s1", revoked.token(), now),
            pool.redeemWsToken("s2", expiring.token(), now.plusSeconds(60))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<Optional<WsToken>>resultAt(0)).isEmpty();
          assertThat(all.<Optional<WsToken>>resultAt(1)).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a WebSocket token presented for another session is refused and stays usable for its own")
  void tokenOfAnotherSession(VertxTestContext ctx) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    WsToken token = new WsToken("s1", "tok-" + UUID.randomUUID(), now.plusSeconds(60));
    pool.issueWsToken(token)
        .compose(v -> pool.redeemWsToken("s2", token.token(), now))
        .compose(wrong -> pool.redeemWsToken("s1", token.token(), now).map(right -> List.of(wrong, right)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both.get(0)).isEmpty();
          assertThat(both.get(1)).contains(token);
          ctx.completeNow();
        })));
  }

  // ---- messages -----------------------------------------------------------------------------

  @Test
  @DisplayName("a message goes to the inbox of the rental that held its number, which turns IN_USE")
  void recordToHolder(VertxTestContext ctx) {
    InboundSms m = new InboundSms("m1", US1.number(), "+447700900123", "  Your code is 123456  ", T0.plusSeconds(5),
        "smpp:test", "7", "k1", T0.minusSeconds(3600));
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> inbox.record(m, "123456", GRACE, WINDOW))
        .compose(recorded -> {
          ctx.verify(() -> {
            assertThat(recorded.duplicate()).isFalse();
            assertThat(recorded.message()).isEqualTo(new StoredSms("m1", "s1", US1.number(), "+447700900123",
                "  Your code is 123456  ", "123456", T0.plusSeconds(5), T0.minusSeconds(3600)));
            assertThat(recorded.receipt().sessionId()).isEqualTo("s1");
          });
          return Future.all(inbox.inbox("s1", null, 10), pool.number(US1.number()), pool.rental("s1"));
        })
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<List<StoredSms>>resultAt(0)).extracting(StoredSms::text).containsExactly("  Your code is 123456  ");
          assertThat(all.<Optional<NumberStatus>>resultAt(1).orElseThrow().state().state()).isEqualTo(State.IN_USE);
          assertThat(all.<Optional<Rental>>resultAt(2).orElseThrow().lastSmsAt()).isEqualTo(T0.plusSeconds(5));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message that no rental held is kept in the unmatched archive")
  void recordUnmatched(VertxTestContext ctx) {
    inbox.record(sms("u1", US2.number(), T0), null, GRACE, WINDOW)
        .compose(recorded -> {
          ctx.verify(() -> {
            assertThat(recorded.message().sessionId()).isNull();
            assertThat(recorded.receipt().disposition()).hasToString("UNMATCHED");
          });
          return inbox.unmatched(null, 10);
        })
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all).extracting(StoredSms::id).containsExactly("u1");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message late within the grace reaches the ended rental, later than that the archive")
  void recordAfterEnd(VertxTestContext ctx) {
    Instant end = T0.plusSeconds(10);
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> pool.end("s1", end, "RELEASED", COOLDOWN))
        .compose(r -> inbox.record(sms("late", US1.number(), end.plus(GRACE).minusMillis(1)), null, GRACE, WINDOW))
        .compose(late -> inbox.record(sms("later", US1.number(), end.plus(GRACE)), null, GRACE, WINDOW)
            .map(later -> {
              ctx.verify(() -> {
                assertThat(late.message().sessionId()).isEqualTo("s1");
                assertThat(later.message().sessionId()).isNull();
              });
              return null;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a message to a number outside the pool is refused")
  void recordUnknown(VertxTestContext ctx) {
    inbox.record(sms("x", "+15550000000", T0), null, GRACE, WINDOW).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.UNKNOWN_NUMBER);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a message delivered again within the window answers the original and is stored once")
  void duplicate(VertxTestContext ctx) {
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> inbox.record(sms("m1", US1.number(), T0.plusSeconds(1), "k1"), "1", GRACE, WINDOW))
        .compose(first -> inbox.record(sms("m2", US1.number(), T0.plusSeconds(30), "k1"), "1", GRACE, WINDOW)
            .map(second -> {
              ctx.verify(() -> {
                assertThat(second.duplicate()).isTrue();
                assertThat(second.message()).isEqualTo(first.message());
                assertThat(second.receipt()).isEqualTo(first.receipt());
              });
              return null;
            }))
        .compose(v -> inbox.inbox("s1", null, 10))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all).extracting(StoredSms::id).containsExactly("m1");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the same message delivered many times at once is stored once")
  void concurrentDuplicates(VertxTestContext ctx) {
    List<Future<Recorded>> all = IntStream.range(0, 20)
        .mapToObj(i -> inbox.record(sms("d" + i, US2.number(), T0.plusMillis(i), "same"), null, GRACE, WINDOW)).toList();
    Future.all(all).compose(v -> inbox.unmatched(null, 100)).onComplete(ctx.succeeding(stored -> ctx.verify(() -> {
      assertThat(stored).hasSize(1);
      assertThat(all.stream().filter(f -> !f.result().duplicate()).count()).isEqualTo(1);
      assertThat(all).allSatisfy(f -> assertThat(f.result().message().id()).isEqualTo(stored.get(0).id()));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a dedup key seen longer ago than the window is a new message")
  void dedupWindow(VertxTestContext ctx) {
    inbox.record(sms("m1", US2.number(), T0, "k"), null, GRACE, WINDOW)
        .compose(r -> inbox.record(sms("m2", US2.number(), T0.plus(WINDOW), "k"), null, GRACE, WINDOW))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.duplicate()).isFalse();
          assertThat(r.message().id()).isEqualTo("m2");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("concurrent messages to one rental are all kept, and read in pages after a cursor")
  void inboxPages(VertxTestContext ctx) {
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> Future.all(IntStream.range(0, 30)
            .mapToObj(i -> inbox.record(sms("m" + i, US1.number(), T0.plusMillis(i)), null, GRACE, WINDOW)).toList()))
        .compose(v -> inbox.inbox("s1", null, 20))
        .compose(first -> inbox.inbox("s1", first.get(first.size() - 1).id(), 20).map(rest -> {
          ctx.verify(() -> {
            assertThat(first).hasSize(20);
            assertThat(rest).hasSize(10);
            List<String> ids = new java.util.ArrayList<>(first.stream().map(StoredSms::id).toList());
            rest.forEach(m -> ids.add(m.id()));
            assertThat(ids).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 30).mapToObj(i -> "m" + i).toList());
            assertThat(ids).doesNotHaveDuplicates();
          });
          return null;
        }))
        .compose(v -> Future.all(inbox.inbox("s2", null, 10), inbox.inbox("s1", null, 0)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<List<StoredSms>>resultAt(0)).isEmpty();
          assertThat(all.<List<StoredSms>>resultAt(1)).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a reader paging after its cursor while messages are being recorded sees every message exactly once")
  void pagingWhileRecording(VertxTestContext ctx) {
    int count = 60;
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    pool.claim(claimOf("s1", US1.number(), T0)).onComplete(ctx.succeeding(r -> {
      // the writers: all at once, so that positions are taken concurrently
      IntStream.range(0, count).forEach(i ->
          inbox.record(sms("p" + i, US1.number(), T0.plusMillis(i)), null, GRACE, WINDOW).onFailure(ctx::failNow));
      // the reader: small pages after its cursor, over and over, until it has seen as many messages as were sent
      readUntil(ctx, null, count, seen, System.nanoTime() + 30_000_000_000L);
    }));
  }

  /** Pages until {@code count} messages were seen or the deadline passed (then the assertions say what is missing). */
  private void readUntil(VertxTestContext ctx, String cursor, int count, List<String> seen, long deadline) {
    inbox.inbox("s1", cursor, 7).onComplete(ctx.succeeding(page -> {
      page.forEach(m -> seen.add(m.id()));
      String next = page.isEmpty() ? cursor : page.get(page.size() - 1).id();
      if (seen.size() >= count || System.nanoTime() > deadline) {
        ctx.verify(() -> {
          assertThat(seen).doesNotHaveDuplicates();
          assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.range(0, count).mapToObj(i -> "p" + i).toList());
        });
        // nothing more comes after the last one
        inbox.inbox("s1", next, 7).onComplete(ctx.succeeding(rest -> ctx.verify(() -> {
          assertThat(rest).isEmpty();
          ctx.completeNow();
        })));
      } else {
        readUntil(ctx, next, count, seen, deadline);
      }
    }));
  }

  @Test
  @DisplayName("purging removes the text and code of old messages and keeps who, when and where")
  void purge(VertxTestContext ctx) {
    pool.claim(claimOf("s1", US1.number(), T0))
        .compose(r -> inbox.record(sms("old", US1.number(), T0.plusSeconds(1)), "1", GRACE, WINDOW))
        .compose(r -> inbox.record(sms("new", US1.number(), T0.plusSeconds(100)), "2", GRACE, WINDOW))
        .compose(r -> inbox.purgeText(T0.plusSeconds(50), 100))
        .compose(purged -> {
          ctx.verify(() -> assertThat(purged).isEqualTo(1));
          return inbox.inbox("s1", null, 10);
        })
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all).extracting(StoredSms::id).containsExactly("old", "new");
          assertThat(all.get(0).text()).isNull();
          assertThat(all.get(0).code()).isNull();
          assertThat(all.get(0).from()).isEqualTo("Google");
          assertThat(all.get(0).sessionId()).isEqualTo("s1");
          assertThat(all.get(1).text()).isEqualTo("Your code is new");
          ctx.completeNow();
        })));
  }

  // ---- concatenated messages ----------------------------------------------------------------

  protected static InboundSms part(String setId, int number, int total, Instant at) {
    Segment segment = new Segment(42, 8, total, number, SmsAlphabet.LATIN1, 0, 0,
        ("<" + number + ">").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    return new InboundSms(setId + "-" + number + "-" + UUID.randomUUID(), US1.number(), "+447700900001", "<" + number + ">",
        at, "smpp:test", "1", null, null, segment);
  }

  @Test
  @DisplayName("parts held out of order and repeated make the message whole once every number is held, in order")
  void partsBecomeWhole(VertxTestContext ctx) {
    String key = "set-" + UUID.randomUUID();
    inbox.holdPart(key, part("a", 3, 3, T0))
        .compose(first -> inbox.holdPart(key, part("a", 1, 3, T0)).map(second -> List.of(first, second)))
        .compose(early -> inbox.holdPart(key, part("a", 3, 3, T0)).map(repeat -> {
          ctx.verify(() -> {
            assertThat(early).extracting(HeldParts::status).containsOnly(HeldParts.Status.WAITING);
            assertThat(repeat.status()).isEqualTo(HeldParts.Status.WAITING);
          });
          return null;
        }))
        .compose(v -> inbox.holdPart(key, part("a", 2, 3, T0)))
        .onComplete(ctx.succeeding(whole -> ctx.verify(() -> {
          assertThat(whole.status()).isEqualTo(HeldParts.Status.WHOLE);
          assertThat(whole.parts()).extracting(InboundSms::text).containsExactly("<1>", "<2>", "<3>");
          assertThat(whole.parts().get(1).segment().userData()).isEqualTo("<2>".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a part of a message already delivered is answered delivered and held no more")
  void partAfterDelivery(VertxTestContext ctx) {
    String key = "set-" + UUID.randomUUID();
    inbox.holdPart(key, part("b", 1, 2, T0))
        .compose(v -> inbox.holdPart(key, part("b", 2, 2, T0)))
        .compose(v -> inbox.partsDelivered(key, T0))
        .compose(v -> inbox.holdPart(key, part("b", 2, 2, T0.plusSeconds(5))))
        .compose(retry -> inbox.overdueParts(T0.plusSeconds(3600), 100).map(overdue -> {
          ctx.verify(() -> {
            assertThat(retry.status()).isEqualTo(HeldParts.Status.DELIVERED);
            assertThat(overdue).isEmpty();
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("messages waiting for parts since before a time are given oldest first with the parts that came")
  void overdueParts(VertxTestContext ctx) {
    String old = "set-old-" + UUID.randomUUID();
    String older = "set-older-" + UUID.randomUUID();
    String fresh = "set-fresh-" + UUID.randomUUID();
    inbox.holdPart(old, part("old", 2, 3, T0.minusSeconds(100)))
        .compose(v -> inbox.holdPart(older, part("older", 1, 2, T0.minusSeconds(200))))
        .compose(v -> inbox.holdPart(old, part("old", 3, 3, T0.minusSeconds(50))))
        .compose(v -> inbox.holdPart(fresh, part("fresh", 1, 2, T0)))
        .compose(v -> Future.all(inbox.overdueParts(T0.minusSeconds(10), 100), inbox.overdueParts(T0.minusSeconds(10), 1)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<List<InboundSms>> overdue = all.resultAt(0);
          assertThat(overdue).hasSize(2);
          assertThat(overdue.get(0)).extracting(InboundSms::text).containsExactly("<1>");
          assertThat(overdue.get(1)).extracting(InboundSms::text).containsExactly("<2>", "<3>");
          assertThat(all.<List<List<InboundSms>>>resultAt(1)).hasSize(1);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("of every part of a message held at once, each is held once and the whole message is answered with all of them")
  void concurrentParts(VertxTestContext ctx) {
    String key = "set-" + UUID.randomUUID();
    List<Future<HeldParts>> holds = IntStream.rangeClosed(1, 10)
        .mapToObj(n -> inbox.holdPart(key, part("c", (n - 1) % 5 + 1, 5, T0))).toList();
    Future.all(holds).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      List<HeldParts> whole = holds.stream().map(Future::result)
          .filter(h -> h.status() == HeldParts.Status.WHOLE).toList();
      assertThat(whole).isNotEmpty();
      whole.forEach(h -> assertThat(h.parts()).extracting(InboundSms::text)
          .containsExactly("<1>", "<2>", "<3>", "<4>", "<5>"));
      ctx.completeNow();
    })));
  }

  // ---- dedup scope --------------------------------------------------------------------------

  @Test
  @DisplayName("after its message is settled, the same key again is a new message; unsettled, it is the original")
  void settledMessages(VertxTestContext ctx) {
    inbox.record(sms("k1", US1.number(), T0, "key-settled"), null, GRACE, WINDOW)
        .compose(v -> inbox.record(sms("k2", US1.number(), T0, "key-kept"), null, GRACE, WINDOW))
        .compose(v -> inbox.settle(Settled.messages(List.of(new DedupClaim("key-settled", "k1"),
            new DedupClaim("key-nobody-saw", "k0"), new DedupClaim("key-kept", "not-its-message")))))
        .compose(v -> Future.all(inbox.record(sms("k3", US1.number(), T0.plusSeconds(1), "key-settled"), null, GRACE, WINDOW),
            inbox.record(sms("k4", US1.number(), T0.plusSeconds(1), "key-kept"), null, GRACE, WINDOW)))
        .compose(both -> inbox.unmatched(null, 10).map(all -> {
          ctx.verify(() -> {
            Recorded genuine = both.resultAt(0);
            Recorded retry = both.resultAt(1);
            assertThat(genuine.duplicate()).isFalse();
            assertThat(genuine.message().id()).isEqualTo("k3");
            assertThat(retry.duplicate()).isTrue();
            assertThat(retry.message().id()).isEqualTo("k2");
            assertThat(all).extracting(StoredSms::id).containsExactly("k1", "k2", "k3");
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a session's horizon settles what arrived on it up to then; what came later, or on another session, stays claimed")
  void horizonSettlesItsSession(VertxTestContext ctx) {
    inbox.record(sms("h1", US1.number(), T0, "key-early").arrivedOn("session-a"), null, GRACE, WINDOW)
        .compose(v -> inbox.record(sms("h2", US1.number(), T0.plusSeconds(2), "key-late").arrivedOn("session-a"), null, GRACE, WINDOW))
        .compose(v -> inbox.record(sms("h3", US1.number(), T0, "key-other").arrivedOn("session-b"), null, GRACE, WINDOW))
        .compose(v -> inbox.record(sms("h4", US1.number(), T0, "key-none"), null, GRACE, WINDOW))
        .compose(v -> inbox.settle(new Settled("session-a", T0.plusSeconds(1), List.of(), List.of())))
        // a horizon never moves back
        .compose(v -> inbox.settle(new Settled("session-a", T0.minusSeconds(5), List.of(), List.of())))
        .compose(v -> Future.all(List.of(
            inbox.record(sms("h5", US1.number(), T0.plusSeconds(3), "key-early"), null, GRACE, WINDOW),
            inbox.record(sms("h6", US1.number(), T0.plusSeconds(3), "key-late"), null, GRACE, WINDOW),
            inbox.record(sms("h7", US1.number(), T0.plusSeconds(3), "key-other"), null, GRACE, WINDOW),
            inbox.record(sms("h8", US1.number(), T0.plusSeconds(3), "key-none"), null, GRACE, WINDOW))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<Recorded> r = all.list();
          assertThat(r).extracting(Recorded::duplicate).containsExactly(false, true, true, true);
          assertThat(r).extracting(x -> x.message().id()).containsExactly("h5", "h2", "h3", "h4");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message kept claimed stays claimed when its session's horizon passes it, until it is settled by name")
  void keptClaimedOutlivesTheHorizon(VertxTestContext ctx) {
    inbox.record(sms("c1", US1.number(), T0, "key-slow").arrivedOn("session-c"), null, GRACE, WINDOW)
        .compose(v -> inbox.settle(new Settled("session-c", T0.plusSeconds(10),
            List.of(new DedupClaim("key-slow", "c1")), List.of())))
        .compose(v -> inbox.record(sms("c2", US1.number(), T0.plusSeconds(11), "key-slow"), null, GRACE, WINDOW))
        .compose(retry -> inbox.settle(Settled.messages(List.of(new DedupClaim("key-slow", "c1"))))
            .compose(v -> inbox.record(sms("c3", US1.number(), T0.plusSeconds(12), "key-slow"), null, GRACE, WINDOW))
            .map(genuine -> List.of(retry, genuine)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both).extracting(Recorded::duplicate).containsExactly(true, false);
          assertThat(both).extracting(x -> x.message().id()).containsExactly("c1", "c3");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("after the window the same key is a new message, and a retry then answers that new one")
  void windowEndsAClaim(VertxTestContext ctx) {
    inbox.record(sms("w1", US1.number(), T0, "key-window"), null, GRACE, WINDOW)
        .compose(v -> inbox.record(sms("w2", US1.number(), T0.plus(WINDOW), "key-window"), null, GRACE, WINDOW))
        .compose(first -> inbox.record(sms("w3", US1.number(), T0.plus(WINDOW).plusSeconds(1), "key-window"), null,
            GRACE, WINDOW).map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both).extracting(Recorded::duplicate).containsExactly(false, true);
          assertThat(both).extracting(x -> x.message().id()).containsExactly("w2", "w2");
          ctx.completeNow();
        })));
  }

  // ---- delivery receipts --------------------------------------------------------------------

  protected static DeliveryReceipt receipt(String id, Instant at) {
    return new DeliveryReceipt(id, "smpp:test", US1.number(), "+447700900001", "msg-" + id, "DELIVERED",
        "id:msg-" + id + " stat:DELIVRD err:000", at);
  }

  @Test
  @DisplayName("delivery receipts are stored apart, once each, in the order received, never as messages")
  void receiptsApart(VertxTestContext ctx) {
    inbox.recordReceipt(receipt("r1", T0))
        .compose(v -> inbox.recordReceipt(receipt("r2", T0.plusSeconds(1))))
        .compose(v -> inbox.recordReceipt(receipt("r1", T0.plusSeconds(2))))
        .compose(v -> Future.all(inbox.receipts(null, 10), inbox.receipts("r1", 10), inbox.unmatched(null, 10)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<List<DeliveryReceipt>>resultAt(0)).containsExactly(receipt("r1", T0), receipt("r2", T0.plusSeconds(1)));
          assertThat(all.<List<DeliveryReceipt>>resultAt(1)).extracting(DeliveryReceipt::id).containsExactly("r2");
          assertThat(all.<List<StoredSms>>resultAt(2)).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("receipts older than the retention go with the purge")
  void receiptsPurged(VertxTestContext ctx) {
    inbox.recordReceipt(receipt("old", T0.minusSeconds(7200)))
        .compose(v -> inbox.recordReceipt(receipt("new", T0)))
        .compose(v -> inbox.purgeText(T0.minusSeconds(3600), 100))
        .compose(v -> inbox.receipts(null, 10))
        .onComplete(ctx.succeeding(left -> ctx.verify(() -> {
          assertThat(left).extracting(DeliveryReceipt::id).containsExactly("new");
          ctx.completeNow();
        })));
  }
}
