package dev.inlet.shared;

import com.hazelcast.config.Config;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Clustered Vert.x instances for tests, in this JVM: Hazelcast on loopback with each member listed in the TCP-IP join,
 * no multicast or auto-detection, no bind to every interface, no wait before joining, and a cluster name of their own
 * (so that two test runs on one machine never join each other).
 */
public final class ClusteredNodes {

  private ClusteredNodes() {
  }

  /** One clustered Vert.x per port, started one after the other, all in the cluster {@code name}. */
  public static List<Vertx> start(String name, int... ports) throws Exception {
    List<String> members = Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).toList();
    List<Vertx> nodes = new ArrayList<>();
    for (int port : ports) {
      nodes.add(start(name + "-" + ProcessHandle.current().pid(), port, members));
    }
    return nodes;
  }

  /** Closes the nodes, the last started first. */
  public static void close(List<Vertx> nodes) throws Exception {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Vertx start(String cluster, int port, List<String> members) throws Exception {
    Config config = new Config();
    config.setClusterName(cluster);
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
}
