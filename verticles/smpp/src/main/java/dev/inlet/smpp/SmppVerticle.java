package dev.inlet.smpp;

import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.runtime.DaemonThreads;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.lease.BindLeaseStores;
import dev.inlet.shared.lease.BindLeases;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.netty.util.ThreadNameDeterminer;
import org.jboss.netty.util.ThreadRenamingRunnable;

/**
 * The SMPP ESME client: binds to the SMSCs of the {@code smpp} configuration section (one bind, or one
 * per entry of {@code binds}) and turns every deliver_sm into an {@code InboundSms} on the bus. A
 * deliver_sm is acknowledged with ESME_ROK only once the router has durably stored the message;
 * otherwise with the status {@link SmppStatus} gives, so the SMSC keeps or drops it.
 *
 * <p>Each configured account has {@link BindPolicy#bindCount()} slots across the whole cluster; a slot is bound by
 * the one instance on one node that holds its lease ({@link BindOwnership}), whatever the number of instances and
 * nodes. With {@code smpp.server} one instance per node also runs the SMPP server for aggregators
 * ({@link AggregatorServer}), whose submit_sm and deliver_sm take the same ingest path.
 * Deployment succeeds even when an SMSC is down: each {@link BindSupervisor} keeps retrying.
 * Blocking cloudhopper calls run on worker threads; cloudhopper's own threads are daemons.
 */
public final class SmppVerticle extends VerticleBase {

  /**
   * Blocking cloudhopper calls (bind, unbind, enquire_link, writing responses) get their own pool, so
   * that other verticles blocking the shared worker pool (the lab SMSC simulator waiting for window
   * space, in the same node) can never hold back our deliver_sm_resp.
   */
  private static final String BLOCKING_POOL = "inlet-smpp-blocking";
  private static final int BLOCKING_POOL_SIZE = 16;
  /** A local map (not a bus address): which verticle instance of this node runs the aggregator server. */
  private static final String SERVER_GUARD = "smpp.aggregator-server.guard";

  private ExecutorService ioExecutor;
  private ScheduledThreadPoolExecutor monitorExecutor;
  private WorkerExecutor blocking;
  private DefaultSmppClient client;
  private List<BindOwnership> owners = List.of();
  private AggregatorServer server;
  private String serverGuard;
  private Map<String, DecodingSettings> decoding = Map.of();

  @Override
  public Future<?> start() {
    MessageCodecs.register(vertx);
    // a node may serve aggregators only: then the section names no SMSC
    boolean serverOnly = config().getString("host") == null && config().getJsonArray("binds", new JsonArray()).isEmpty()
        && AggregatorServerSettings.fromConfig(config()).isPresent();
    List<BindSettings> binds = serverOnly ? List.of() : BindSettings.fromConfig(config());
    List<BindPolicy> policies = serverOnly ? List.of() : BindPolicy.fromConfig(config());
    decoding = serverOnly ? Map.of() : DecodingSettings.fromConfig(config());
    boolean anyLeased = policies.stream().anyMatch(BindPolicy::leased)
        || AggregatorServerSettings.fromConfig(config()).isPresent();
    if (!anyLeased) {
      return startBinds(binds, policies, null);
    }
    // a store that is down now (PostgreSQL) is opened again at each lease call; a configuration error fails the start
    return BindLeaseStores.open(vertx, config())
        .<BindLeases>map(opened -> new ReopeningBindLeases(() -> BindLeaseStores.open(vertx, config())))
        .recover(e -> e instanceof IllegalArgumentException ? Future.failedFuture(e)
            : Future.succeededFuture(new ReopeningBindLeases(() -> BindLeaseStores.open(vertx, config()))))
        .compose(leases -> startBinds(binds, policies, leases));
  }

  private Future<?> startBinds(List<BindSettings> binds, List<BindPolicy> policies, BindLeases leases) {
    // keep our thread names instead of Netty 3's "New I/O worker #n"
    ThreadRenamingRunnable.setThreadNameDeterminer(ThreadNameDeterminer.CURRENT);
    ioExecutor = Executors.newCachedThreadPool(new DaemonThreads("inlet-smpp-io"));
    monitorExecutor = new ScheduledThreadPoolExecutor(1, new DaemonThreads("inlet-smpp-monitor"));
    monitorExecutor.setRemoveOnCancelPolicy(true);
    client = new DefaultSmppClient(ioExecutor, Math.max(1, binds.size()), monitorExecutor);
    blocking = vertx.createSharedWorkerExecutor(BLOCKING_POOL, BLOCKING_POOL_SIZE);
    String holder = BindStatus.NODE + "/" + UUID.randomUUID().toString().substring(0, 8);
    List<BindOwnership> all = new ArrayList<>();
    for (int i = 0; i < binds.size(); i++) {
      BindSettings bind = binds.get(i);
      BindPolicy policy = policies.get(i);
      int slots = policy.leased() ? policy.bindCount() : 1;
      for (int slot = 0; slot < slots; slot++) {
        String id = slots == 1 ? bind.name() : bind.name() + "#" + slot;
        BindSupervisor supervisor = new BindSupervisor(vertx, context, blocking, client, bind, policy,
            new BindStatus(id, bind), processor(bind.name(), bind.routeTimeoutMs()));
        BindOwnership owner = new BindOwnership(vertx, policy.leased() ? leases : null, bind.name() + "#" + slot,
            holder, Duration.ofSeconds(policy.leaseSeconds()), supervisor, supervisor::standby);
        supervisor.ownedBy(owner);
        all.add(owner);
      }
    }
    owners = all;
    return startServer(leases).compose(v -> Future.all(owners.stream().map(BindOwnership::start).toList()));
  }

  /**
   * The ingest of one bind or aggregator account: decode (with the bind's decoding settings; aggregators' accounts
   * with the defaults), route, answer only once stored.
   */
  private DeliverSmProcessor processor(String name, long routeTimeoutMs) {
    DecodingSettings settings = decoding.getOrDefault(name, DecodingSettings.DEFAULT);
    return new DeliverSmProcessor(name, new DeliverSmDecoder(name, settings.smscDefault()),
        new SmsIngest(vertx.eventBus(), routeTimeoutMs), settings, System::currentTimeMillis);
  }

  /** The SMPP server for aggregators, when configured: started by one instance of the verticle per node. */
  private Future<Void> startServer(BindLeases leases) {
    Optional<AggregatorServerSettings> settings = AggregatorServerSettings.fromConfig(config());
    if (settings.isEmpty()) {
      return Future.succeededFuture();
    }
    String me = UUID.randomUUID().toString();
    if (vertx.sharedData().<String, String>getLocalMap(SERVER_GUARD).putIfAbsent(guardKey(settings.get()), me)
        != null) {
      return Future.succeededFuture(); // another instance on this node runs it
    }
    serverGuard = me;
    long routeTimeoutMs = settings.get().routeTimeoutMs();
    server = new AggregatorServer(vertx, context, blocking, settings.get(), leases,
        account -> processor(account, routeTimeoutMs), ioExecutor, monitorExecutor);
    return server.start();
  }

  private static String guardKey(AggregatorServerSettings settings) {
    return settings.host() + ":" + settings.port();
  }

  @Override
  public Future<?> stop() {
    if (blocking == null) {
      return Future.succeededFuture();
    }
    Future<Void> serverStopped = server == null ? Future.succeededFuture() : server.stop().eventually(() -> {
      vertx.sharedData().<String, String>getLocalMap(SERVER_GUARD)
          .removeIfPresent(guardKey(AggregatorServerSettings.fromConfig(config()).orElseThrow()), serverGuard);
      return Future.succeededFuture();
    });
    return Future.join(serverStopped, Future.join(owners.stream().map(BindOwnership::stop).toList()))
        .otherwiseEmpty()
        .compose(v -> blocking.executeBlocking(() -> {
          client.destroy();
          ioExecutor.shutdownNow();
          monitorExecutor.shutdownNow();
          ioExecutor.awaitTermination(2, TimeUnit.SECONDS);
          monitorExecutor.awaitTermination(2, TimeUnit.SECONDS);
          return null;
        }, false))
        .eventually(() -> blocking.close());
  }
}
