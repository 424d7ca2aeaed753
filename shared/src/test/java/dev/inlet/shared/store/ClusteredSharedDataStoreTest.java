package dev.inlet.shared.store;

import com.hazelcast.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on the embedded store of two clustered Vert.x instances (Hazelcast on loopback): each call
 * of the suite goes to the other node than the one before, so every rule must hold across nodes.
 */
class ClusteredSharedDataStoreTest extends StoreContract {

  private static Vertx nodeA;
  private static Vertx nodeB;

  @BeforeAll
  static void cluster() throws Exception {
    nodeA = clustered(15701, List.of("127.0.0.1:15701", "127.0.0.1:15702"));
    nodeB = clustered(15702, List.of("127.0.0.1:15701", "127.0.0.1:15702"));
  }

  @AfterAll
  static void leave() throws Exception {
    for (Vertx v : List.of(nodeB, nodeA)) {
      v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  static Vertx clustered(int port, List<String> members) throws Exception {
    Config config = new Config();
    config.setClusterName("inlet-store-test-" + ProcessHandle.current().pid() + "-" + members.get(0));
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).setInterfaces(List.of("127.0.0.1"));
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
        .setMembers(members);
    return Vertx.builder().withClusterManager(new HazelcastClusterManager(config)).buildClustered()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  protected Future<StoreBackend> open(Vertx vertx) {
    String prefix = "test." + UUID.randomUUID() + ".";
    Object[] stores = {new SharedDataStore(nodeA, prefix), new SharedDataStore(nodeB, prefix)};
    AtomicInteger next = new AtomicInteger();
    Object alternating = Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {NumberPoolStore.class, InboxStore.class}, (proxy, method, args) -> {
          try {
            return method.invoke(stores[next.getAndIncrement() % 2], args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return Future.succeededFuture(new StoreBackend("embedded", (NumberPoolStore) alternating,
        (InboxStore) alternating, Future::succeededFuture, false));
  }
}
