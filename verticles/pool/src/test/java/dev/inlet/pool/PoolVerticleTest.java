package dev.inlet.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.message.Holder;
import dev.inlet.shared.message.HolderQuery;
import dev.inlet.shared.message.NumberList;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.RentRequest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PoolVerticleTest {

  private static final JsonObject CONFIG = new JsonObject().put("mode", "lab").put("rentalSeconds", 600)
      .put("sweepIntervalMs", 50)
      .put("lab", new JsonObject().put("ranges", new JsonArray()
          .add(new JsonObject().put("country", "US").put("first", "+12125550100").put("count", 5))));

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    MessageCodecs.register(vertx);
    vertx.deployVerticle(new PoolVerticle(), new DeploymentOptions().setConfig(CONFIG))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("in lab mode the pool serves the synthetic numbers of its configuration")
  void labNumbers(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<NumberList>request(Addresses.POOL_AVAILABLE, new NumbersQuery("US", null))
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.body().numbers()).hasSize(5);
          assertThat(reply.body().numbers().get(0).number()).isEqualTo("+12125550100");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a rental over the bus is announced on the number's rental address and answers the holder query")
  void rentAnnouncedAndHeld(Vertx vertx, VertxTestContext ctx) {
    var announced = ctx.checkpoint();
    var held = ctx.checkpoint();
    vertx.eventBus().<RentalEvent>consumer(Addresses.numberRental("+12125550102"), msg -> ctx.verify(() -> {
      assertThat(msg.body().kind()).isEqualTo(RentalEvent.Kind.STARTED);
      announced.flag();
    })).completion()
        .compose(v -> vertx.eventBus().<Rental>request(Addresses.POOL_RENT,
            new RentRequest("+12125550102", null, null, "alice", 0)))
        .compose(rental -> vertx.eventBus().<Holder>request(Addresses.numberHolder("+12125550102"),
            new HolderQuery(Instant.now())).map(h -> {
              ctx.verify(() -> assertThat(h.body().rental().sessionId()).isEqualTo(rental.body().sessionId()));
              return null;
            }))
        .onComplete(ctx.succeeding(v -> held.flag()));
  }

  @Test
  @DisplayName("an expired rental is ended by the sweeper and announced")
  void sweeperEndsExpired(Vertx vertx, VertxTestContext ctx) {
    // the shortest window a renter may ask for is a minute; a verticle with a 1 s default shows the sweeper at work
    Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList())
        .compose(v -> vertx.deployVerticle(new PoolVerticle(), new DeploymentOptions().setConfig(CONFIG.copy().put("rentalSeconds", 1))))
        .compose(id -> vertx.eventBus().<RentalEvent>consumer(Addresses.numberRental("+12125550103"), msg -> {
          if (msg.body().kind() == RentalEvent.Kind.ENDED) {
            ctx.verify(() -> assertThat(msg.body().rental().endReason()).isEqualTo(NumberPool.EXPIRED));
            ctx.completeNow();
          }
        }).completion())
        .compose(v -> vertx.eventBus().<Rental>request(Addresses.POOL_RENT,
            new RentRequest("+12125550103", null, null, "alice", 0)))
        .onComplete(ctx.succeeding(r -> { }));
  }

  @Test
  @DisplayName("a request of the wrong type is refused as invalid")
  void wrongType(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().request(Addresses.POOL_RENT, "rent me").onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertThat(Failure.of(e)).isEqualTo(Failure.INVALID_REQUEST);
      ctx.completeNow();
    })));
  }
}
