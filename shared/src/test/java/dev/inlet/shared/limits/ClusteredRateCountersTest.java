package dev.inlet.shared.limits;

import dev.inlet.shared.ClusteredNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on the shared-data counters of two clustered Vert.x instances (Hazelcast on loopback): each call goes
 * to the other node than the one before, so a limit holds across the nodes of a lab cluster.
 */
class ClusteredRateCountersTest extends RateCountersContract {

  private static Vertx nodeA;
  private static Vertx nodeB;

  @BeforeAll
  static void cluster() throws Exception {
    List<Vertx> nodes = ClusteredNodes.start("inlet-limits-test", 15731, 15732);
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
  }

  @AfterAll
  static void leave() throws Exception {
    ClusteredNodes.close(List.of(nodeA, nodeB));
  }


  @Override
  protected RateCounters open(Vertx vertx) {
    RateCounters[] nodes = {new SharedDataRateCounters(nodeA), new SharedDataRateCounters(nodeB)};
    AtomicInteger next = new AtomicInteger();
    return new RateCounters() {
      private RateCounters nextNode() {
        return nodes[next.getAndIncrement() % 2];
      }

      @Override
      public Future<WindowCount> add(String key, Duration window, long cost, Instant now) {
        return nextNode().add(key, window, cost, now);
      }

      @Override
      public Future<Lease> acquire(String key, String holder, int limit, Instant until, Instant now) {
        return nextNode().acquire(key, holder, limit, until, now);
      }

      @Override
      public Future<Void> release(String key, String holder) {
        return nextNode().release(key, holder);
      }

      @Override
      public Future<Void> ping() {
        return nextNode().ping();
      }
    };
  }
}
