package dev.inlet.smpp;

import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.type.SmppProcessingException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import com.cloudhopper.smpp.SmppConstants;
import dev.inlet.shared.lease.BindLease;
import dev.inlet.shared.lease.BindLeases;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMPP server aggregators bind to as ESMEs (cloudhopper's server): credentials are checked by
 * {@link AggregatorAccounts}, and a bind holds one of its account's {@code maxBinds} places across the cluster
 * ({@link AggregatorPlaces}); each session's deliver_sm and submit_sm go through a {@link DeliverSmProcessor} of its
 * account, the same ingest path and contract as the binds to SMSCs (ESME_ROK only once stored).
 */
final class AggregatorServer implements SmppServerHandler {

  private static final Logger LOG = LoggerFactory.getLogger(AggregatorServer.class);
  private static final long UNBIND_TIMEOUT_MS = 2_000;
  private static final long CLAIM_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final Context context;
  private final WorkerExecutor blocking;
  private final AggregatorServerSettings settings;
  private final Function<String, DeliverSmProcessor> processors;
  private final AggregatorAccounts accounts;
  private final AggregatorPlaces places;
  private final DefaultSmppServer server;
  private final Map<Long, SmppServerSession> sessions = new ConcurrentHashMap<>();

  AggregatorServer(Vertx vertx, Context context, WorkerExecutor blocking, AggregatorServerSettings settings,
                   BindLeases leases, Function<String, DeliverSmProcessor> processors, ExecutorService ioExecutor,
                   ScheduledExecutorService monitorExecutor) {
    this.vertx = vertx;
    this.context = context;
    this.blocking = blocking;
    this.settings = settings;
    this.processors = processors;
    this.accounts = new AggregatorAccounts(settings.accounts());
    this.places = new AggregatorPlaces(vertx, leases, Duration.ofSeconds(settings.leaseSeconds()));
    this.server = new DefaultSmppServer(configuration(settings), this, ioExecutor, monitorExecutor);
  }

  private static SmppServerConfiguration configuration(AggregatorServerSettings settings) {
    SmppServerConfiguration c = new SmppServerConfiguration();
    c.setName("inlet-smpp-server");
    c.setHost(settings.host());
    c.setPort(settings.port());
    c.setSystemId("inlet");
    c.setNonBlockingSocketsEnabled(true);
    c.setReuseAddress(true);
    c.setMaxConnectionSize(256);
    c.setJmxEnabled(false);
    c.setBindTimeout(10_000);
    c.setDefaultWindowSize(settings.windowSize());
    c.setDefaultRequestExpiryTimeout(30_000);
    c.setDefaultWindowMonitorInterval(10_000);
    c.setDefaultSessionCountersEnabled(false);
    return c;
  }

  /** Listens (off the event loop), and keeps the aggregators' places. */
  Future<Void> start() {
    places.startRenewing(sessions::containsKey, this::close);
    return blocking.<Void>executeBlocking(() -> {
      server.start();
      return null;
    }, false).onSuccess(v -> LOG.info("SMPP server for aggregators listening on {}:{} ({} account(s))",
        settings.host(), settings.port(), settings.accounts().size()));
  }

  /** Unbinds the aggregators, closes the server and frees their places. */
  Future<Void> stop() {
    return blocking.<Void>executeBlocking(() -> {
      for (SmppServerSession session : sessions.values()) {
        try {
          session.unbind(UNBIND_TIMEOUT_MS);
        } catch (RuntimeException e) {
          LOG.debug("unbinding an aggregator failed: {}", e.toString());
        }
        session.destroy();
      }
      server.stop();
      server.destroy();
      return null;
    }, false).eventually(places::stop);
  }

  private void close(long sessionId) {
    SmppServerSession session = sessions.get(sessionId);
    if (session != null) {
      blocking.executeBlocking(() -> {
        session.close();
        return null;
      }, false);
    }
  }

  @Override
  public void sessionBindRequested(Long sessionId, SmppSessionConfiguration configuration, BaseBind bindRequest)
      throws SmppProcessingException {
    OptionalInt refusal = accounts.check(bindRequest.getSystemId(), bindRequest.getPassword());
    if (refusal.isEmpty()) {
      refusal = claimPlace(sessionId, bindRequest.getSystemId());
    }
    if (refusal.isPresent()) {
      LOG.warn("refused a {} from system_id '{}' with {}", bindRequest.getName(), bindRequest.getSystemId(),
          String.format("0x%08X", refusal.getAsInt()));
      throw new SmppProcessingException(refusal.getAsInt());
    }
    configuration.setName("inlet-aggregator-" + bindRequest.getSystemId() + "-" + sessionId);
    configuration.getLoggingOptions().setLogPdu(false);
    configuration.getLoggingOptions().setLogBytes(false);
  }

  /**
   * Waits (on cloudhopper's I/O thread, never an event loop) for a place of the account: empty once it has one,
   * ESME_RALYBND when all are taken, ESME_RBINDFAIL when the lease store did not answer.
   */
  private OptionalInt claimPlace(long sessionId, String systemId) {
    int maxBinds = accounts.account(systemId).orElseThrow().maxBinds();
    try {
      Optional<BindLease> place = places.claim(sessionId, systemId, maxBinds).toCompletionStage().toCompletableFuture()
          .get(CLAIM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      return place.isPresent() ? OptionalInt.empty() : OptionalInt.of(SmppConstants.STATUS_ALYBND);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.of(SmppConstants.STATUS_BINDFAIL);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("could not claim a place for aggregator '{}': {}", systemId, e.toString());
      places.release(sessionId);
      return OptionalInt.of(SmppConstants.STATUS_BINDFAIL);
    }
  }

  @Override
  public void sessionCreated(Long sessionId, SmppServerSession session, BaseBindResp preparedBindResponse) {
    String systemId = session.getConfiguration().getSystemId();
    String name = "aggregator-" + systemId;
    DeliverSmProcessor processor = processors.apply(name);
    sessions.put(sessionId, session);
    session.serverReady(new AggregatorSessionHandler(name, session, context, blocking, processor,
        () -> places.release(sessionId)));
    LOG.info("aggregator '{}' bound as {} (session {})", systemId, session.getBindType(), sessionId);
  }

  @Override
  public void sessionDestroyed(Long sessionId, SmppServerSession session) {
    places.release(sessionId);
    sessions.remove(sessionId);
    session.destroy();
    LOG.info("aggregator '{}' left (session {})", session.getConfiguration().getSystemId(), sessionId);
  }
}
