package dev.inlet.shared.lease;

import dev.inlet.shared.ClusteredNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The lease contract on two clustered Vert.x instances (Hazelcast maps): each call goes to the other node. */
class ClusteredSharedDataBindLeasesTest extends BindLeasesContract {

  private static Vertx nodeA;
  private static Vertx nodeB;

  @BeforeAll
  static void cluster() throws Exception {
    List<Vertx> nodes = ClusteredNodes.start("inlet-lease-test", 15711, 15712);
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
  }

  @AfterAll
  static void leave() throws Exception {
    ClusteredNodes.close(List.of(nodeA, nodeB));
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
