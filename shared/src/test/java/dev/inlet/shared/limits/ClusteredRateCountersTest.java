package dev.inlet.shared.limits;

import com.hazelcast.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    List<String> members = List.of("127.0.0.1:15731", "127.0.0.1:15732");
    nodeA = clustered(15731, members);
    nodeB = clustered(15732, members);
  }

  @AfterAll
  static void leave() throws Exception {
    for (Vertx v : List.of(nodeB, nodeA)) {
      v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Vertx clustered(int port, List<String> members) throws Exception {
    Config config = new Config();
    config.setClusterName("inlet-limits-test-" + ProcessHandle.current().pid());
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).setInterfaces(List.of("127.0.0.1"));
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).setMembers(members);
    return Vertx.builder().withClusterManager(new HazelcastClusterManager(config)).buildClustered()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
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
