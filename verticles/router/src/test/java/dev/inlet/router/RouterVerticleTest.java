package dev.inlet.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.InboxQuery;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.store.ClaimRequest;
import dev.inlet.shared.store.StoreBackend;
import dev.inlet.shared.store.Stores;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The router on the bus, on the in-memory store. The test plays the pool: it rents through the store the router
 * shares ({@link Stores#open} gives every verticle of a Vert.x instance the same backend of a kind) and announces
 * rentals on {@link Addresses#POOL_RENTALS} as the pool does. (A verticle module may not depend on another, so the
 * real PoolVerticle is not on this module's class path.)
 */
@ExtendWith(VertxExtension.class)
class RouterVerticleTest {

  private static final String HELD = "+12125550100";
  private static final String FREE = "+12125550101";
  private static final String OUTSIDE = "+15005550006";

  private StoreBackend backend;

  private static JsonObject config(int graceSeconds) {
    return new JsonObject().put("storage", new JsonObject().put("kind", "memory")).put("graceSeconds", graceSeconds);
  }

  @BeforeEach
  void pool(Vertx vertx, VertxTestContext ctx) {
    MessageCodecs.register(vertx);
    Stores.open(vertx, config(30))
        .compose(b -> {
          backend = b;
          return b.pool().addNumbers(List.of(new PoolNumber(HELD, "US", List.of("sms")),
              new PoolNumber(FREE, "US", List.of("sms"))));
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<String> deployRouter(Vertx vertx, JsonObject config) {
    return vertx.deployVerticle(new RouterVerticle(), new DeploymentOptions().setConfig(config));
  }

  /** Rents {@code number} in the shared store, as the pool would, for ten minutes from now. */
  private Future<Rental> rent(String sessionId, String number) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return backend.pool().claim(new ClaimRequest(sessionId, number, null, null, "alice", now, now.plusSeconds(600)));
  }

  private static void announce(Vertx vertx, RentalEvent.Kind kind, Rental rental) {
    vertx.eventBus().publish(Addresses.POOL_RENTALS, new RentalEvent(kind, rental));
  }

  private static InboundSms sms(String id, String to) {
    return new InboundSms(id, to, "Google", "Your code is 837261", Instant.now(), "smpp:test", "1");
  }

  /** A message the router refuses without storing anything: answers INVALID_REQUEST while the address is served. */
  private static InboundSms probe(String to) {
    return new InboundSms(null, to, "probe", "", Instant.now(), "test", "probe");
  }

  private static boolean noHandlers(Throwable e) {
    return e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
  }

  private static Future<SmsReceipt> request(Vertx vertx, String address, InboundSms sms) {
    return vertx.eventBus().<SmsReceipt>request(address, sms).map(Message::body);
  }

  /** Sends {@code sms} to its number's inbound address until the address is served (at most for {@code attempts} tries). */
  private static Future<SmsReceipt> sendWhenServed(Vertx vertx, InboundSms sms, int attempts) {
    return request(vertx, Addresses.numberInbound(sms.to()), sms).recover(e -> {
      if (!noHandlers(e) || attempts <= 1) {
        return Future.failedFuture(e);
      }
      Promise<SmsReceipt> again = Promise.promise();
      vertx.setTimer(20, t -> sendWhenServed(vertx, sms, attempts - 1).onComplete(again));
      return again.future();
    });
  }

  /** Probes the number's inbound address every 100 ms until nobody serves it; fails if it is still served at {@code deadline}. */
  private static Future<Instant> awaitUnserved(Vertx vertx, String number, Instant deadline) {
    Promise<Instant> unserved = Promise.promise();
    vertx.setPeriodic(100, id -> request(vertx, Addresses.numberInbound(number), probe(number)).onComplete(ar -> {
      if (ar.failed() && noHandlers(ar.cause())) {
        vertx.cancelTimer(id);
        unserved.tryComplete(Instant.now());
      } else if (ar.failed() && Failure.of(ar.cause()) != Failure.INVALID_REQUEST) {
        vertx.cancelTimer(id);
        unserved.tryFail(ar.cause());
      } else if (Instant.now().isAfter(deadline)) {
        vertx.cancelTimer(id);
        unserved.tryFail("the inbound address of " + number + " was still served at " + deadline);
      }
    }));
    return unserved.future();
  }

  // ---- which numbers are served -------------------------------------------------------------

  @Test
  @DisplayName("at start the router serves the numbers of the live rentals in the store")
  void servesLiveRentalsAtStart(Vertx vertx, VertxTestContext ctx) {
    rent("s1", HELD)
        .compose(r -> deployRouter(vertx, config(30)))
        .compose(id -> request(vertx, Addresses.numberInbound(HELD), sms("m1", HELD)))
        .onComplete(ctx.succeeding(receipt -> ctx.verify(() -> {
          assertThat(receipt).isEqualTo(new SmsReceipt("m1", SmsReceipt.Disposition.INBOX, "s1"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a number nobody rents has no inbound address")
  void freeNumberNotServed(Vertx vertx, VertxTestContext ctx) {
    deployRouter(vertx, config(30))
        .compose(id -> request(vertx, Addresses.numberInbound(FREE), probe(FREE)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(noHandlers(e)).as(e.toString()).isTrue();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a rental announced by the pool makes the router serve its number's inbound address")
  void learnsFromAnnouncements(Vertx vertx, VertxTestContext ctx) {
    deployRouter(vertx, config(30))
        .compose(id -> request(vertx, Addresses.numberInbound(HELD), probe(HELD)).transform(before -> {
          ctx.verify(() -> assertThat(noHandlers(before.cause())).as("not served before the rental").isTrue());
          return rent("s1", HELD);
        }))
        .compose(rental -> {
          announce(vertx, RentalEvent.Kind.STARTED, rental);
          return sendWhenServed(vertx, sms("m1", HELD), 100);
        })
        .onComplete(ctx.succeeding(receipt -> ctx.verify(() -> {
          assertThat(receipt).isEqualTo(new SmsReceipt("m1", SmsReceipt.Disposition.INBOX, "s1"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the inbound address of a number whose rental ended is given up once the grace has passed")
  void unservedAfterGrace(Vertx vertx, VertxTestContext ctx) {
    Duration grace = Duration.ofSeconds(1);
    rent("s1", HELD)
        .compose(r -> deployRouter(vertx, config(1)))
        .compose(id -> request(vertx, Addresses.numberInbound(HELD), probe(HELD)).transform(served -> {
          ctx.verify(() -> {
            assertThat(served.failed()).isTrue();
            assertThat(Failure.of(served.cause())).as("served while rented").isEqualTo(Failure.INVALID_REQUEST);
          });
          return backend.pool().end("s1", Instant.now(), "RELEASED", grace);
        }))
        .compose(ended -> {
          Rental rental = ended.orElseThrow();
          announce(vertx, RentalEvent.Kind.ENDED, rental);
          return awaitUnserved(vertx, HELD, Instant.now().plusSeconds(10)).map(at -> {
            ctx.verify(() -> assertThat(at).isAfterOrEqualTo(rental.endedAt().plus(grace)));
            return at;
          });
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  // ---- routing ------------------------------------------------------------------------------

  @Test
  @DisplayName("a message to a held number reaches the holder's inbox with its code, and is published on the number's sms address")
  void routesAndPublishes(Vertx vertx, VertxTestContext ctx) {
    Checkpoint published = ctx.checkpoint();
    Checkpoint listed = ctx.checkpoint();
    rent("s1", HELD)
        .compose(r -> deployRouter(vertx, config(30)))
        .compose(id -> vertx.eventBus().<StoredSms>consumer(Addresses.numberSms(HELD), m -> ctx.verify(() -> {
          assertThat(m.body().id()).isEqualTo("m1");
          assertThat(m.body().sessionId()).isEqualTo("s1");
          assertThat(m.body().code()).isEqualTo("837261");
          published.flag();
        })).completion())
        .compose(v -> request(vertx, Addresses.numberInbound(HELD), sms("m1", HELD)))
        .compose(receipt -> vertx.eventBus().<MessageList>request(Addresses.ROUTER_INBOX, new InboxQuery("s1")))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(list.body().messages()).extracting(StoredSms::id).containsExactly("m1");
          assertThat(list.body().messages().get(0).code()).isEqualTo("837261");
          listed.flag();
        })));
  }

  @Test
  @DisplayName("a message to a pool number nobody holds is archived as unmatched and not published")
  void unmatchedNotPublished(Vertx vertx, VertxTestContext ctx) {
    deployRouter(vertx, config(30))
        .compose(id -> vertx.eventBus().<StoredSms>consumer(Addresses.numberSms(FREE),
            m -> ctx.failNow("an unmatched message was published: " + m.body())).completion())
        .compose(v -> request(vertx, Addresses.ROUTER_UNROUTED, sms("u1", FREE)))
        .compose(receipt -> {
          ctx.verify(() -> assertThat(receipt).isEqualTo(new SmsReceipt("u1", SmsReceipt.Disposition.UNMATCHED, null)));
          return backend.inbox().unmatched(null, 10);
        })
        .onComplete(ctx.succeeding(archive -> ctx.verify(() -> {
          assertThat(archive).extracting(StoredSms::id).containsExactly("u1");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a source's message to a number no router serves reaches the store through the unrouted address")
  void ingestFallsBackToUnrouted(Vertx vertx, VertxTestContext ctx) {
    deployRouter(vertx, config(30))
        .compose(id -> new SmsIngest(vertx.eventBus(), 5_000).route(sms("u1", FREE)))
        .onComplete(ctx.succeeding(receipt -> ctx.verify(() -> {
          assertThat(receipt.messageId()).isEqualTo("u1");
          assertThat(receipt.disposition()).isEqualTo(SmsReceipt.Disposition.UNMATCHED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message to a number outside the pool is refused as unknown on the unrouted address")
  void unknownNumber(Vertx vertx, VertxTestContext ctx) {
    deployRouter(vertx, config(30))
        .compose(id -> request(vertx, Addresses.ROUTER_UNROUTED, sms("x1", OUTSIDE)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.of(e)).as(e.getMessage()).isEqualTo(Failure.UNKNOWN_NUMBER);
          assertThat(e).hasMessageContaining(OUTSIDE);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a message without an id is refused as invalid")
  void invalidMessage(Vertx vertx, VertxTestContext ctx) {
    deployRouter(vertx, config(30))
        .compose(id -> request(vertx, Addresses.ROUTER_UNROUTED, probe(FREE)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.of(e)).as(e.getMessage()).isEqualTo(Failure.INVALID_REQUEST);
          ctx.completeNow();
        })));
  }

  // ---- inboxes ------------------------------------------------------------------------------

  /** Rents HELD as s1, starts the router and routes m0..m{count-1} to it, one after the other. */
  private Future<Void> inboxOf(Vertx vertx, int count) {
    Future<?> chain = rent("s1", HELD).compose(r -> deployRouter(vertx, config(30)));
    for (int i = 0; i < count; i++) {
      String id = "m" + i;
      chain = chain.compose(v -> request(vertx, Addresses.numberInbound(HELD), sms(id, HELD)));
    }
    return chain.mapEmpty();
  }

  private static Future<List<String>> page(Vertx vertx, InboxQuery query) {
    return vertx.eventBus().<MessageList>request(Addresses.ROUTER_INBOX, query)
        .map(m -> m.body().messages().stream().map(StoredSms::id).toList());
  }

  @Test
  @DisplayName("an inbox is read in pages of the asked size, each after the last message seen")
  void inboxPaging(Vertx vertx, VertxTestContext ctx) {
    inboxOf(vertx, 5)
        .compose(v -> page(vertx, new InboxQuery("s1", null, 2)))
        .compose(first -> page(vertx, new InboxQuery("s1", "m1", 2)).map(second -> List.of(first, second)))
        .compose(two -> page(vertx, new InboxQuery("s1", "m3", 2)).map(third -> {
          ctx.verify(() -> {
            assertThat(two.get(0)).containsExactly("m0", "m1");
            assertThat(two.get(1)).containsExactly("m2", "m3");
            assertThat(third).containsExactly("m4");
          });
          return third;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("an inbox asked without a page size comes in the default page")
  void inboxDefaultPage(Vertx vertx, VertxTestContext ctx) {
    inboxOf(vertx, 3)
        .compose(v -> page(vertx, new InboxQuery("s1")))
        .onComplete(ctx.succeeding(ids -> ctx.verify(() -> {
          assertThat(ids).containsExactly("m0", "m1", "m2");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an inbox page larger than 1000 is refused as invalid")
  void inboxPageTooLarge(Vertx vertx, VertxTestContext ctx) {
    inboxOf(vertx, 1)
        .compose(v -> page(vertx, new InboxQuery("s1", null, 1001)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(Failure.of(e)).as(e.getMessage()).isEqualTo(Failure.INVALID_REQUEST);
          assertThat(e).hasMessageContaining("1000");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an inbox page of exactly 1000 is accepted")
  void inboxPageAtLimit(Vertx vertx, VertxTestContext ctx) {
    inboxOf(vertx, 1)
        .compose(v -> page(vertx, new InboxQuery("s1", null, 1000)))
        .onComplete(ctx.succeeding(ids -> ctx.verify(() -> {
          assertThat(ids).containsExactly("m0");
          ctx.completeNow();
        })));
  }
}
