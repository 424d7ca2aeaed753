package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.lease.SharedDataBindLeases;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Aggregator places on the embedded leases; two instances stand for two nodes sharing the lease store. */
@ExtendWith(VertxExtension.class)
class AggregatorPlacesTest {

  @Test
  @DisplayName("an account's places go to the first maxBinds sessions across nodes, and a released one to the next")
  void placesAcrossNodes(Vertx vertx) throws Exception {
    AggregatorPlaces nodeA = new AggregatorPlaces(vertx, new SharedDataBindLeases(vertx), Duration.ofSeconds(30));
    AggregatorPlaces nodeB = new AggregatorPlaces(vertx, new SharedDataBindLeases(vertx), Duration.ofSeconds(30));

    assertThat(nodeA.claim(1, "agg", 2).await(5, TimeUnit.SECONDS)).isPresent();
    assertThat(nodeB.claim(1, "agg", 2).await(5, TimeUnit.SECONDS)).isPresent();
    assertThat(nodeB.claim(2, "agg", 2).await(5, TimeUnit.SECONDS)).as("a third bind").isEmpty();
    assertThat(nodeA.claim(2, "other", 1).await(5, TimeUnit.SECONDS)).as("another account").isPresent();

    nodeA.release(1).await(5, TimeUnit.SECONDS);
    assertThat(nodeB.claim(3, "agg", 2).await(5, TimeUnit.SECONDS)).isPresent();
  }

  @Test
  @DisplayName("a place whose session never came to life is released after a lease, and renewed ones are kept")
  void deadPlaceReleased(Vertx vertx) throws Exception {
    Duration ttl = Duration.ofMillis(300);
    AggregatorPlaces node = new AggregatorPlaces(vertx, new SharedDataBindLeases(vertx), ttl);
    AggregatorPlaces other = new AggregatorPlaces(vertx, new SharedDataBindLeases(vertx), ttl);
    node.claim(1, "agg", 1).await(5, TimeUnit.SECONDS);
    node.claim(2, "kept", 1).await(5, TimeUnit.SECONDS);
    vertx.runOnContext(v -> node.startRenewing(session -> session == 2, session -> { }));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    boolean taken = false;
    while (!taken && System.nanoTime() < deadline) {
      taken = other.claim(1, "agg", 1).await(5, TimeUnit.SECONDS).isPresent();
    }

    assertThat(taken).as("the dead session's place taken by another node").isTrue();
    assertThat(other.claim(2, "kept", 1).await(5, TimeUnit.SECONDS)).as("the live session's place").isEmpty();
  }
}
