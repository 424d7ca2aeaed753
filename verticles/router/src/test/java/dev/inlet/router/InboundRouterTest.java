package dev.inlet.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.store.InboxStore;
import dev.inlet.shared.store.SharedDataInboxStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class InboundRouterTest {

  private static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");
  private static final Rental ALICE = new Rental("alice-session", "+12125550100", "US", null, "alice", T0,
      T0.plusSeconds(600), null, null);

  private final List<StoredSms> published = new CopyOnWriteArrayList<>();

  private static InboundSms sms(String id, String to, Instant at) {
    return new InboundSms(id, to, "Google", "Your code is 837261", at, "smpp:test", "1");
  }

  /** The pool's answer, as the rule "the rental active at the message's time". */
  private static Future<Optional<Rental>> holder(String number, Instant at) {
    return Future.succeededFuture(number.equals(ALICE.number()) && ALICE.activeAt(at)
        ? Optional.of(ALICE) : Optional.empty());
  }

  @Test
  @DisplayName("a message to a held number is stored in the holder's inbox with its code, then published")
  void toHolder(Vertx vertx, VertxTestContext ctx) {
    InboxStore inbox = new SharedDataInboxStore(vertx);
    InboundRouter router = new InboundRouter(InboundRouterTest::holder, inbox, published::add);
    router.route(sms("m1", ALICE.number(), T0.plusSeconds(5)))
        .compose(receipt -> inbox.inbox(ALICE.sessionId()).map(stored -> {
          ctx.verify(() -> {
            assertThat(receipt.disposition()).isEqualTo(SmsReceipt.Disposition.INBOX);
            assertThat(receipt.sessionId()).isEqualTo(ALICE.sessionId());
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).code()).isEqualTo("837261");
            assertThat(published).containsExactlyElementsOf(stored);
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a message outside any rental goes to the unmatched archive and to no inbox")
  void unmatched(Vertx vertx, VertxTestContext ctx) {
    InboxStore inbox = new SharedDataInboxStore(vertx);
    InboundRouter router = new InboundRouter(InboundRouterTest::holder, inbox, published::add);
    router.route(sms("m2", ALICE.number(), T0.plusSeconds(601)))
        .compose(receipt -> Future.all(inbox.unmatched(), inbox.inbox(ALICE.sessionId())).map(all -> {
          ctx.verify(() -> {
            assertThat(receipt.disposition()).isEqualTo(SmsReceipt.Disposition.UNMATCHED);
            assertThat((List<InboundSms>) all.resultAt(0)).extracting(InboundSms::id).containsExactly("m2");
            assertThat((List<StoredSms>) all.resultAt(1)).isEmpty();
            assertThat(published).isEmpty();
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("when the inbox cannot store, the router answers store-unavailable and publishes nothing")
  void storeDown(VertxTestContext ctx) {
    InboxStore broken = new InboxStore() {
      public Future<Void> append(StoredSms sms) { return Future.failedFuture("disk full"); }
      public Future<List<StoredSms>> inbox(String sessionId) { return Future.failedFuture("down"); }
      public Future<Void> archiveUnmatched(InboundSms sms) { return Future.failedFuture("down"); }
      public Future<List<InboundSms>> unmatched() { return Future.failedFuture("down"); }
    };
    new InboundRouter(InboundRouterTest::holder, broken, published::add)
        .route(sms("m3", ALICE.number(), T0.plusSeconds(5)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.of(e)).isEqualTo(Failure.STORE_UNAVAILABLE);
          assertThat(e).hasMessageContaining("disk full");
          assertThat(published).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message without an E.164 destination is refused as invalid")
  void invalid(Vertx vertx, VertxTestContext ctx) {
    new InboundRouter(InboundRouterTest::holder, new SharedDataInboxStore(vertx), published::add)
        .route(sms("m4", "2125550100", T0))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.of(e)).isEqualTo(Failure.INVALID_REQUEST);
          ctx.completeNow();
        })));
  }
}
