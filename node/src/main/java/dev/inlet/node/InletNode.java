package dev.inlet.node;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import com.hazelcast.config.Config;
import dev.inlet.http.HttpVerticle;
import dev.inlet.modem.ModemVerticle;
import dev.inlet.pool.PoolVerticle;
import dev.inlet.router.RouterVerticle;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.config.InletConfig;
import dev.inlet.shared.config.Role;
import dev.inlet.smpp.SmppVerticle;
import dev.inlet.smsc.SmscSimulatorVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Inlet node: loads its configuration, starts Vert.x (clustered with Hazelcast when asked), and
 * deploys the verticles of the roles it lists, in an order where each finds what it needs.
 * Used by {@link Main} and by the system tests.
 */
public final class InletNode {

  private static final Logger LOG = LoggerFactory.getLogger(InletNode.class);

  /**
   * Deployment order: the SMSC simulator first, then the pool (it opens and migrates the store), the router that
   * stores, the HTTP API, and only then the sources (SMPP binds, modems) that take messages in.
   */
  private static final List<Role> ORDER = List.of(Role.SMSC_SIMULATOR, Role.POOL, Role.ROUTER, Role.HTTP,
      Role.SMPP, Role.MODEM);

  private static final Map<Role, Supplier<Deployable>> VERTICLES = new EnumMap<>(Map.of(
      Role.SMSC_SIMULATOR, SmscSimulatorVerticle::new,
      Role.POOL, PoolVerticle::new,
      Role.ROUTER, RouterVerticle::new,
      Role.SMPP, SmppVerticle::new,
      Role.MODEM, ModemVerticle::new,
      Role.HTTP, HttpVerticle::new));

  private final Vertx vertx;
  private final JsonObject config;
  private final List<Role> roles;
  /** Deployment ids in the order the verticles started. */
  private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();

  private InletNode(Vertx vertx, JsonObject config, List<Role> roles) {
    this.vertx = vertx;
    this.config = config;
    this.roles = roles;
  }

  /**
   * Starts a node.
   *
   * @param configFile a configuration file layered over conf/inlet.json, or null
   * @param env        the environment (INLET_* variables)
   * @param overrides  configuration layered over everything else (tests, command-line flags)
   */
  public static Future<InletNode> start(String configFile, Map<String, String> env, JsonObject overrides) {
    JsonObject config;
    try {
      config = LabSetup.prepare(load(configFile, env, overrides));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    return start(config);
  }

  /**
   * Reads the configuration with a short-lived Vert.x instance: whether the node's own instance is
   * clustered depends on what it says. Called from main or a test thread, never from an event loop.
   */
  static JsonObject load(String configFile, Map<String, String> env, JsonObject overrides) throws Exception {
    Vertx bootstrap = Vertx.vertx();
    try {
      return InletConfig.load(bootstrap, configFile, env, overrides).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      bootstrap.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static Future<InletNode> start(JsonObject config) {
    List<Role> roles = roles(config);
    JsonObject cluster = config.getJsonObject("cluster", new JsonObject());
    Future<Vertx> vertx;
    if (cluster.getBoolean("enabled", false)) {
      Config hazelcast = ClusterSetup.hazelcast(cluster);
      String host = ClusterSetup.ip(cluster.getString("host", "127.0.0.1"));
      VertxOptions options = withMetrics(new VertxOptions(), config);
      options.getEventBusOptions().setHost(host).setPort(cluster.getInteger("busPort", 0));
      if (cluster.getString("publicAddress") != null) {
        options.getEventBusOptions().setClusterPublicHost(cluster.getString("publicAddress").split(":")[0]);
      }
      vertx = Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast))
          .buildClustered();
    } else {
      vertx = Future.succeededFuture(Vertx.builder().with(withMetrics(new VertxOptions(), config)).build());
    }
    return vertx.compose(v -> {
      MessageCodecs.register(v);
      InletNode node = new InletNode(v, config, roles);
      return node.deployAll().map(node).recover(e -> v.close().transform(x -> Future.failedFuture(e)));
    });
  }

  /**
   * Vert.x metrics in a Prometheus registry (served by the HTTP verticle at {@code /metrics}): HTTP server requests by
   * route, method and status. Event-bus metrics stay off: their addresses carry phone numbers (one series per number).
   * {@code metrics.enabled} false turns them off.
   */
  static VertxOptions withMetrics(VertxOptions options, JsonObject config) {
    if (!config.getJsonObject("metrics", new JsonObject()).getBoolean("enabled", true)) {
      return options;
    }
    return options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setLabels(java.util.EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE))
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS));
  }

  private static List<Role> roles(JsonObject config) {
    JsonArray names = config.getJsonArray("roles", new JsonArray());
    List<Role> roles = new ArrayList<>();
    for (Role r : ORDER) {
      if (names.contains(r.roleName())) {
        roles.add(r);
      }
    }
    if (!InletConfig.isLab(config) && roles.remove(Role.SMSC_SIMULATOR)) {
      LOG.warn("the smsc-simulator role runs in lab mode only: not started in {} mode", config.getString("mode"));
    }
    return roles;
  }

  private Future<Void> deployAll() {
    Future<Void> chain = Future.succeededFuture();
    for (Role role : roles) {
      chain = chain.compose(v -> deploy(role));
    }
    return chain.onSuccess(v -> LOG.info("node up in {} mode{}; roles {}", config.getString("mode"),
        vertx.isClustered() ? " (clustered)" : "", roles.stream().map(Role::roleName).toList()));
  }

  private Future<Void> deploy(Role role) {
    int instances = config.getJsonObject("instances", new JsonObject()).getInteger(role.roleName(), 1);
    DeploymentOptions options = new DeploymentOptions()
        .setConfig(InletConfig.forRole(config, role))
        .setInstances(instances);
    return vertx.deployVerticle(VERTICLES.get(role), options)
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "the " + role.roleName() + " verticle did not start: " + e.getMessage(), e)))
        .onSuccess(deployments::add)
        .mapEmpty();
  }

  /**
   * Stops the verticles one role after the other, in the reverse order of their start (the sources unbind and close
   * their ports while the router, the pool and, in lab mode, the simulator still run), then closes Vert.x and leaves
   * the cluster. A verticle that fails to stop does not keep the others running.
   */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    List<String> started = new ArrayList<>(deployments);
    java.util.Collections.reverse(started);
    for (String id : started) {
      chain = chain.compose(v -> vertx.undeploy(id).otherwise(e -> {
        LOG.warn("a verticle did not stop cleanly: {}", e.toString());
        return null;
      }));
    }
    return chain.eventually(() -> vertx.close());
  }

  public Vertx vertx() {
    return vertx;
  }

  public JsonObject config() {
    return config;
  }

  public boolean lab() {
    return InletConfig.isLab(config);
  }

  /** The first API key of the configuration (the generated one in lab mode when none was given). */
  public String apiKey() {
    return LabSetup.apiKey(config);
  }

  public boolean generatedApiKey() {
    return config.getJsonObject("http", new JsonObject()).getBoolean("generatedApiKey", false);
  }

  public int httpPort() {
    return config.getJsonObject("http", new JsonObject()).getInteger("port", 8080);
  }
}
