package dev.inlet.shared.lease;

import com.hazelcast.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The lease contract on two clustered Vert.x instances (Hazelcast maps): each call goes to the other node. */
class ClusteredSharedDataBindLeasesTest extends BindLeasesContract {

  private static Vertx nodeA;
  private static Vertx nodeB;

  @BeforeAll
  static void cluster() throws Exception {
    List<String> members = List.of("127.0.0.1:15711", "127.0.0.1:15712");
    nodeA = clustered(15711, members);
    nodeB = clustered(15712, members);
  }

  @AfterAll
  static void leave() throws Exception {
    for (Vertx v : List.of(nodeB, nodeA)) {
      v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Vertx clustered(int port, List<String> members) throws Exception {
    Config config = new Config();
    config.setClusterName("inlet-lease-test-" + ProcessHandle.current().pid());
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
  protected Future<BindLeases> open(Vertx vertx) {
    BindLeases[] sides = {new SharedDataBindLeases(nodeA), new SharedDataBindLeases(nodeB)};
    AtomicInteger next = new AtomicInteger();
    Object alternating = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BindLeases.class},
        (proxy, method, args) -> {
          try {
            return method.invoke(sides[next.getAndIncrement() % 2], args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return Future.succeededFuture((BindLeases) alternating);
  }
}
