package dev.inlet.shared.store;

import dev.inlet.shared.ClusteredNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.UUID;
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
    List<Vertx> nodes = ClusteredNodes.start("inlet-store-test", 15701, 15702);
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
  }

  @AfterAll
  static void leave() throws Exception {
    ClusteredNodes.close(List.of(nodeA, nodeB));
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
