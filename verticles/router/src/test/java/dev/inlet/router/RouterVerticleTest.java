package dev.inlet.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.message.Holder;
import dev.inlet.shared.message.HolderQuery;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.InboxQuery;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.NumberList;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The router on the bus, with the pool's two addresses answered by the test. */
@ExtendWith(VertxExtension.class)
class RouterVerticleTest {

  private static final String NUMBER = "+12125550100";
  private static final Rental ALICE = new Rental("alice-session", NUMBER, "US", null, "alice",
      Instant.now().minusSeconds(10), Instant.now().plusSeconds(600), null, null);

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    MessageCodecs.register(vertx);
    Future.all(
            vertx.eventBus().<NumbersQuery>consumer(Addresses.POOL_DIRECTORY,
                m -> m.reply(new NumberList(List.of(new PoolNumber(NUMBER, "US", List.of("sms")))))).completion(),
            vertx.eventBus().<HolderQuery>consumer(Addresses.numberHolder(NUMBER),
                m -> m.reply(new Holder(ALICE.activeAt(m.body().at()) ? ALICE : null))).completion())
        .compose(v -> vertx.deployVerticle(new RouterVerticle(), new DeploymentOptions().setConfig(new JsonObject())))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static InboundSms sms(String id, String to) {
    return new InboundSms(id, to, "Google", "Your code is 837261", Instant.now(), "smpp:test", "1");
  }

  @Test
  @DisplayName("a message on the number's inbound address is acknowledged after it is in the holder's inbox, and published")
  void routesAndPublishes(Vertx vertx, VertxTestContext ctx) {
    var published = ctx.checkpoint();
    var listed = ctx.checkpoint();
    vertx.eventBus().<StoredSms>consumer(Addresses.numberSms(NUMBER), m -> ctx.verify(() -> {
      assertThat(m.body().sessionId()).isEqualTo(ALICE.sessionId());
      published.flag();
    })).completion()
        .compose(v -> vertx.eventBus().<SmsReceipt>request(Addresses.numberInbound(NUMBER), sms("m1", NUMBER)))
        .compose(receipt -> vertx.eventBus().<MessageList>request(Addresses.ROUTER_INBOX,
            new InboxQuery(ALICE.sessionId())))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(list.body().messages()).extracting(StoredSms::id).containsExactly("m1");
          assertThat(list.body().messages().get(0).code()).isEqualTo("837261");
          listed.flag();
        })));
  }

  @Test
  @DisplayName("a message for a number outside the pool is refused as unknown on the fallback address")
  void unknownNumber(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().request(Addresses.ROUTER_UNROUTED, sms("m2", "+15005550006"))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.of(e)).isEqualTo(Failure.UNKNOWN_NUMBER);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a pool number reached through the fallback address is routed like any other")
  void fallbackRoutesPoolNumber(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<SmsReceipt>request(Addresses.ROUTER_UNROUTED, sms("m3", NUMBER))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.body().disposition()).isEqualTo(SmsReceipt.Disposition.INBOX);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("when the pool does not answer who holds the number, the router answers a transient failure")
  void poolDown(Vertx vertx, VertxTestContext ctx) {
    String orphan = "+12125550199";
    vertx.eventBus().<NumberList>publish(Addresses.POOL_NUMBERS_ADDED,
        new NumberList(List.of(new PoolNumber(orphan, "US", List.of("sms")))));
    // the announcement registers the number's inbound address; ask until it is served
    retryUntilServed(vertx, orphan, 50).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertThat(Failure.of(e).isTransient()).as(e.getMessage()).isTrue();
      assertThat(Failure.of(e)).isEqualTo(Failure.UNAVAILABLE);
      ctx.completeNow();
    })));
  }

  private Future<SmsReceipt> retryUntilServed(Vertx vertx, String number, int attempts) {
    return vertx.eventBus().<SmsReceipt>request(Addresses.numberInbound(number), sms("m4", number))
        .map(m -> m.body())
        .recover(e -> {
          boolean notYetServed = e instanceof io.vertx.core.eventbus.ReplyException re
              && re.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS;
          return notYetServed && attempts > 0 ? retryUntilServed(vertx, number, attempts - 1) : Future.failedFuture(e);
        });
  }
}
