package dev.inlet.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hazelcast configuration of a clustered node: conf/cluster.xml (from the working directory,
 * else the copy in the jar) with the member port, interface and TCP-IP member list of the
 * {@code cluster} section.
 */
final class ClusterSetup {

  private ClusterSetup() {
  }

  static Config hazelcast(JsonObject cluster) {
    Config config = load(cluster.getString("configFile", "conf/cluster.xml"));
    String host = ip(cluster.getString("host", "127.0.0.1"));
    int port = cluster.getInteger("port", 5701);
    List<String> members = new ArrayList<>();
    for (Object m : cluster.getJsonArray("members", new JsonArray().add(host + ":" + port))) {
      members.add(String.valueOf(m));
    }
    NetworkConfig net = config.getNetworkConfig();
    net.setPort(port).setPortAutoIncrement(false);
    net.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
    net.getJoin().getMulticastConfig().setEnabled(false);
    net.getJoin().getAutoDetectionConfig().setEnabled(false);
    net.getJoin().getTcpIpConfig().setEnabled(true).setMembers(members);
    String publicAddress = cluster.getString("publicAddress");
    if (publicAddress != null) {
      net.setPublicAddress(publicAddress);
    }
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    String waitBeforeJoin = System.getProperty("hazelcast.wait.seconds.before.join");
    if (waitBeforeJoin != null) {
      config.setProperty("hazelcast.wait.seconds.before.join", waitBeforeJoin);
    }
    return config;
  }

  /** The IP address of a host name or literal (Hazelcast's interface list takes addresses only). */
  static String ip(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cluster.host " + host + " does not resolve", e);
    }
  }

  private static Config load(String file) {
    try {
      Path path = Path.of(file);
      if (Files.isRegularFile(path)) {
        try (InputStream in = Files.newInputStream(path)) {
          return new XmlConfigBuilder(in).build();
        }
      }
      try (InputStream in = ClusterSetup.class.getClassLoader().getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalArgumentException("Hazelcast configuration " + file + " not found");
        }
        return new XmlConfigBuilder(in).build();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
