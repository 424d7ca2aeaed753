package dev.inlet.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.bus.Responder;
import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Settled;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.store.ClaimRequest;
import dev.inlet.shared.store.InMemoryStore;
import dev.inlet.shared.store.HeldParts;
import dev.inlet.shared.store.InboxStore;
import dev.inlet.shared.store.Recorded;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The router's rules on the in-memory store: where a message goes, what is pushed, what is refused. */
@ExtendWith(VertxExtension.class)
class InboundRouterTest {

  private static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");
  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final Duration DEDUP_WINDOW = Duration.ofMinutes(10);
  private static final String HELD = "+12125550100";
  private static final String FREE = "+12125550101";
  private static final String SESSION = "alice-session";

  private final List<StoredSms> pushed = new CopyOnWriteArrayList<>();
  private InMemoryStore store;

  /** A pool of two numbers; HELD rented by alice from T0 for 600 s. */
  @BeforeEach
  void pool(VertxTestContext ctx) {
    store = new InMemoryStore();
    store.addNumbers(List.of(new PoolNumber(HELD, "US", List.of("sms")), new PoolNumber(FREE, "US", List.of("sms"))))
        .compose(n -> store.claim(new ClaimRequest(SESSION, HELD, null, null, "alice", T0, T0.plusSeconds(600))))
        .onComplete(ctx.succeedingThenComplete());
  }

  private InboundRouter router(InboxStore inbox) {
    return new InboundRouter(inbox, GRACE, DEDUP_WINDOW, Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC), pushed::add);
  }

  private static InboundSms sms(String id, String to, Instant at) {
    return new InboundSms(id, to, "Google", "G-837261 is your Google verification code", at, "smpp:test", "1");
  }

  private static InboundSms sms(String id, String to, Instant at, String dedupKey) {
    return new InboundSms(id, to, "Google", "G-837261 is your Google verification code", at, "smpp:test", "1",
        dedupKey, null);
  }

  private static void assertFailure(Throwable e, Failure expected) {
    assertThat(Failure.of(e)).as(String.valueOf(e.getMessage())).isEqualTo(expected);
  }

  @Test
  @DisplayName("a message to a held number goes to the holder's inbox with its one-time code")
  void toHolder(VertxTestContext ctx) {
    router(store).route(sms("m1", HELD, T0.plusSeconds(5)))
        .compose(receipt -> {
          ctx.verify(() -> assertThat(receipt).isEqualTo(new SmsReceipt("m1", SmsReceipt.Disposition.INBOX, SESSION)));
          return store.inbox(SESSION, null, 10);
        })
        .onComplete(ctx.succeeding(inbox -> ctx.verify(() -> {
          assertThat(inbox).extracting(StoredSms::id).containsExactly("m1");
          assertThat(inbox.get(0).code()).isEqualTo("837261");
          assertThat(inbox.get(0).sessionId()).isEqualTo(SESSION);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message that reaches an inbox is pushed once, as stored")
  void pushedOnce(VertxTestContext ctx) {
    router(store).route(sms("m1", HELD, T0.plusSeconds(5)))
        .compose(receipt -> store.inbox(SESSION, null, 10))
        .onComplete(ctx.succeeding(inbox -> ctx.verify(() -> {
          assertThat(pushed).hasSize(1);
          assertThat(pushed).containsExactlyElementsOf(inbox);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message without a code is stored without one")
  void noCode(VertxTestContext ctx) {
    router(store).route(new InboundSms("m1", HELD, "Mum", "call me when you land", T0.plusSeconds(5), "smpp:test", "1"))
        .compose(receipt -> store.inbox(SESSION, null, 10))
        .onComplete(ctx.succeeding(inbox -> ctx.verify(() -> {
          assertThat(inbox).extracting(StoredSms::text).containsExactly("call me when you land");
          assertThat(inbox.get(0).code()).isNull();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message to a pool number nobody holds goes to the unmatched archive and is not pushed")
  void unmatched(VertxTestContext ctx) {
    router(store).route(sms("u1", FREE, T0.plusSeconds(5)))
        .compose(receipt -> {
          ctx.verify(() -> assertThat(receipt).isEqualTo(new SmsReceipt("u1", SmsReceipt.Disposition.UNMATCHED, null)));
          return store.unmatched(null, 10);
        })
        .onComplete(ctx.succeeding(archive -> ctx.verify(() -> {
          assertThat(archive).extracting(StoredSms::id).containsExactly("u1");
          assertThat(pushed).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message late within the router's grace still reaches the rental that just ended")
  void withinGrace(VertxTestContext ctx) {
    Instant end = T0.plusSeconds(100);
    store.end(SESSION, end, "RELEASED", GRACE)
        .compose(ended -> router(store).route(sms("late", HELD, end.plus(GRACE).minusMillis(1))))
        .onComplete(ctx.succeeding(receipt -> ctx.verify(() -> {
          assertThat(receipt.disposition()).isEqualTo(SmsReceipt.Disposition.INBOX);
          assertThat(receipt.sessionId()).isEqualTo(SESSION);
          assertThat(pushed).extracting(StoredSms::id).containsExactly("late");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message without a reception time is routed at the router's clock time")
  void stampedWhenUntimed(VertxTestContext ctx) {
    router(store).route(sms("m1", HELD, null))
        .compose(receipt -> store.inbox(SESSION, null, 10))
        .onComplete(ctx.succeeding(inbox -> ctx.verify(() -> {
          assertThat(inbox).extracting(StoredSms::receivedAt).containsExactly(T0.plusSeconds(1));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message to a number outside the pool is refused as unknown")
  void unknownNumber(VertxTestContext ctx) {
    router(store).route(sms("x1", "+15005550006", T0.plusSeconds(5))).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.UNKNOWN_NUMBER);
      assertThat(pushed).isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a message without an E.164 destination is refused as invalid")
  void invalidDestination(VertxTestContext ctx) {
    router(store).route(sms("m1", "2125550100", T0.plusSeconds(5))).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.INVALID_REQUEST);
      assertThat(e).hasMessageContaining("2125550100");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a message without an id is refused as invalid")
  void invalidWithoutId(VertxTestContext ctx) {
    router(store).route(sms(" ", HELD, T0.plusSeconds(5))).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.INVALID_REQUEST);
      assertThat(e).hasMessageContaining("id");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a message without a text is refused as invalid")
  void invalidWithoutText(VertxTestContext ctx) {
    router(store).route(new InboundSms("m1", HELD, "Google", null, T0.plusSeconds(5), "smpp:test", "1"))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertFailure(e, Failure.INVALID_REQUEST);
          assertThat(e).hasMessageContaining("text");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message delivered again with the same dedup key answers the original receipt and is neither stored nor pushed again")
  void duplicate(VertxTestContext ctx) {
    InboundRouter router = router(store);
    router.route(sms("m1", HELD, T0.plusSeconds(5), "k1"))
        .compose(first -> router.route(sms("m2", HELD, T0.plusSeconds(20), "k1")).map(second -> List.of(first, second)))
        .compose(receipts -> {
          ctx.verify(() -> {
            assertThat(receipts.get(1)).isEqualTo(receipts.get(0));
            assertThat(receipts.get(1).messageId()).isEqualTo("m1");
          });
          return store.inbox(SESSION, null, 10);
        })
        .onComplete(ctx.succeeding(inbox -> ctx.verify(() -> {
          assertThat(inbox).extracting(StoredSms::id).containsExactly("m1");
          assertThat(pushed).extracting(StoredSms::id).containsExactly("m1");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("when the store fails without a code, the router answers store-unavailable with the cause and pushes nothing")
  void storeDown(VertxTestContext ctx) {
    InboxStore broken = new DelegatingInbox(store) {
      @Override
      public Future<Recorded> record(InboundSms sms, String code, Duration grace, Duration dedupWindow) {
        return Future.failedFuture(new IllegalStateException("disk full"));
      }
    };
    router(broken).route(sms("m1", HELD, T0.plusSeconds(5))).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.STORE_UNAVAILABLE);
      assertThat(e).hasMessageContaining("disk full");
      assertThat(pushed).isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a part of a concatenated message the store cannot hold is refused store-unavailable, so the source keeps it")
  void partNotHeld(VertxTestContext ctx) {
    InboxStore broken = new DelegatingInbox(store) {
      @Override
      public Future<HeldParts> holdPart(String setKey, InboundSms part) {
        return Future.failedFuture(new IllegalStateException("disk full"));
      }
    };
    InboundSms part = new InboundSms("p1", HELD, "+447700900001", "part", T0.plusSeconds(5), "smpp:test", "1", null,
        null, new dev.inlet.shared.sms.Segment(1, 8, 2, 1, dev.inlet.shared.sms.SmsAlphabet.LATIN1, 0, 0, new byte[] {65}));
    router(broken).route(part).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertFailure(e, Failure.STORE_UNAVAILABLE);
      assertThat(e).hasMessageContaining("disk full");
      ctx.completeNow();
    })));
  }

  /**
   * The slow-store case: the store takes longer to confirm the first delivery than the SMSC waits, so the SMSC
   * gives up and delivers the same message again (a new id, the same dedup key). One copy is kept, one is pushed.
   */
  @Test
  @DisplayName("an SMSC that gives up on a slow store and delivers again ends with one copy in the inbox and one push")
  void slowStoreRedelivery(Vertx vertx, VertxTestContext ctx) {
    MessageCodecs.register(vertx);
    AtomicInteger records = new AtomicInteger();
    InboxStore slowFirst = new DelegatingInbox(store) {
      @Override
      public Future<Recorded> record(InboundSms sms, String code, Duration grace, Duration dedupWindow) {
        Future<Recorded> done = super.record(sms, code, grace, dedupWindow);
        if (records.getAndIncrement() > 0) {
          return done;
        }
        Promise<Recorded> late = Promise.promise();
        vertx.setTimer(1000, t -> done.onComplete(late));
        return late.future();
      }
    };
    InboundRouter router = router(slowFirst);
    List<Future<SmsReceipt>> routed = new CopyOnWriteArrayList<>();
    SmsIngest smsc = new SmsIngest(vertx.eventBus(), 200);
    Responder.serve(vertx.eventBus(), Addresses.numberInbound(HELD), Failure.STORE_UNAVAILABLE, (InboundSms sms) -> {
      Future<SmsReceipt> receipt = router.route(sms);
      routed.add(receipt);
      return receipt;
    }).completion()
        .compose(v -> smsc.route(sms("m1", HELD, T0.plusSeconds(5), "smsc-msg-42")).transform(first -> {
          ctx.verify(() -> {
            assertThat(first.failed()).as("the first delivery is not confirmed in time").isTrue();
            assertFailure(first.cause(), Failure.TIMEOUT);
            assertThat(pushed).as("nothing pushed while the store has not confirmed").isEmpty();
          });
          return smsc.route(sms("m2", HELD, T0.plusSeconds(7), "smsc-msg-42"));
        }))
        .compose(second -> {
          ctx.verify(() -> assertThat(second).isEqualTo(new SmsReceipt("m1", SmsReceipt.Disposition.INBOX, SESSION)));
          // let the slow first delivery finish too
          return Future.all(routed);
        })
        .compose(both -> {
          ctx.verify(() -> assertThat(routed).hasSize(2));
          return store.inbox(SESSION, null, 10);
        })
        .onComplete(ctx.succeeding(inbox -> ctx.verify(() -> {
          assertThat(inbox).extracting(StoredSms::id).containsExactly("m1");
          assertThat(pushed).extracting(StoredSms::id).containsExactly("m1");
          ctx.completeNow();
        })));
  }

  /** Passes everything to a store; tests override what they need to change. */
  private static class DelegatingInbox implements InboxStore {
    private final InboxStore delegate;

    DelegatingInbox(InboxStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Future<Recorded> record(InboundSms sms, String code, Duration grace, Duration dedupWindow) {
      return delegate.record(sms, code, grace, dedupWindow);
    }

    @Override
    public Future<List<StoredSms>> inbox(String sessionId, String afterId, int limit) {
      return delegate.inbox(sessionId, afterId, limit);
    }

    @Override
    public Future<List<StoredSms>> unmatched(String afterId, int limit) {
      return delegate.unmatched(afterId, limit);
    }

    @Override
    public Future<Integer> purgeText(Instant before, int limit) {
      return delegate.purgeText(before, limit);
    }

    @Override
    public Future<HeldParts> holdPart(String setKey, InboundSms part) {
      return delegate.holdPart(setKey, part);
    }

    @Override
    public Future<Void> partsDelivered(String setKey, Instant at) {
      return delegate.partsDelivered(setKey, at);
    }

    @Override
    public Future<List<List<InboundSms>>> overdueParts(Instant firstBefore, int limit) {
      return delegate.overdueParts(firstBefore, limit);
    }

    @Override
    public Future<Void> settle(Settled settled) {
      return delegate.settle(settled);
    }

    @Override
    public Future<Void> recordReceipt(DeliveryReceipt receipt) {
      return delegate.recordReceipt(receipt);
    }

    @Override
    public Future<List<DeliveryReceipt>> receipts(String afterId, int limit) {
      return delegate.receipts(afterId, limit);
    }
  }
}
