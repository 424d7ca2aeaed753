package dev.inlet.smsc;

import dev.inlet.shared.runtime.DaemonThreads;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.type.SmppChannelException;
import com.cloudhopper.smpp.type.SmppTimeoutException;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.bus.Responder;
import dev.inlet.shared.message.LabInjectResult;
import dev.inlet.shared.message.LabSms;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.netty.util.ThreadNameDeterminer;
import org.jboss.netty.util.ThreadRenamingRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab mode's built-in SMSC (in the spirit of SMPPSim): an SMPP server on 127.0.0.1 that ESMEs
 * (Inlet's SMPP verticle) bind to, and that delivers each {@link LabSms} requested on
 * {@link Addresses#LAB_SMSC_INJECT} as a deliver_sm to one of them, round robin. The reply is a
 * {@link LabInjectResult} carrying the ESME's command_status and send/ack timestamps for benchmarks.
 *
 * <p>Many injects may be in flight: each send runs on the simulator's own worker pool and only waits
 * for the write (or for window space); responses come back asynchronously through the session's window.
 */
public final class SmscSimulatorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SmscSimulatorVerticle.class);
  private static final String HOST = "127.0.0.1";
  private static final long UNBIND_TIMEOUT_MS = 1_000;
  /**
   * Sends wait for window space on their own pool: were they on the shared worker pool, a full window
   * could starve an ESME in the same node (Inlet's SMPP verticle) of the threads it answers with.
   */
  private static final String BLOCKING_POOL = "inlet-smsc-blocking";
  private static final int BLOCKING_POOL_SIZE = 32;

  private final BoundSessions<SmppServerSession> bound = new BoundSessions<>();
  private final AtomicLong messageCounter = new AtomicLong();
  private final String messageIdPrefix = Long.toString(System.currentTimeMillis(), 36) + "-";
  private SimulatorSettings settings;
  private WorkerExecutor blocking;
  private ExecutorService ioExecutor;
  private ScheduledThreadPoolExecutor monitorExecutor;
  private DefaultSmppServer server;
  private MessageConsumer<LabSms> injects;

  @Override
  public Future<?> start() {
    MessageCodecs.register(vertx);
    settings = SimulatorSettings.fromConfig(config());
    ThreadRenamingRunnable.setThreadNameDeterminer(ThreadNameDeterminer.CURRENT);
    blocking = vertx.createSharedWorkerExecutor(BLOCKING_POOL, BLOCKING_POOL_SIZE);
    ioExecutor = Executors.newCachedThreadPool(new DaemonThreads("inlet-smsc-io"));
    monitorExecutor = new ScheduledThreadPoolExecutor(1, new DaemonThreads("inlet-smsc-monitor"));
    monitorExecutor.setRemoveOnCancelPolicy(true);
    server = new DefaultSmppServer(serverConfiguration(),
        new SimulatorServerHandler(settings, blocking, bound, this::nextMessageId), ioExecutor, monitorExecutor);
    return blocking.executeBlocking(() -> {
      server.start();
      return null;
    }, false).compose(v -> {
      LOG.info("lab SMSC listening on {}:{}", HOST, settings.smscPort());
      injects = Responder.serve(vertx.eventBus(), Addresses.LAB_SMSC_INJECT, Failure.INTERNAL, this::inject);
      return injects.completion();
    }).recover(failure -> shutDown().transform(v -> Future.failedFuture(failure)));
  }

  @Override
  public Future<?> stop() {
    return shutDown();
  }

  /** Unbinds the ESMEs and releases the server and its threads (cloudhopper's boss threads are not daemons). */
  private Future<Void> shutDown() {
    Future<Void> unregistered = injects == null ? Future.succeededFuture() : injects.unregister();
    return unregistered.otherwiseEmpty().compose(v -> blocking.<Void>executeBlocking(() -> {
      for (SmppServerSession session : bound.all()) {
        session.unbind(UNBIND_TIMEOUT_MS);
        session.destroy();
      }
      server.stop();
      server.destroy();
      ioExecutor.shutdownNow();
      monitorExecutor.shutdownNow();
      ioExecutor.awaitTermination(2, TimeUnit.SECONDS);
      monitorExecutor.awaitTermination(2, TimeUnit.SECONDS);
      return null;
    }, false)).eventually(() -> blocking.close());
  }

  private Future<LabInjectResult> inject(LabSms sms) {
    Optional<String> problem = LabSmsValidation.problem(sms);
    if (problem.isPresent()) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception(problem.get()));
    }
    Optional<SmppServerSession> receiver = bound.nextReceiver();
    if (receiver.isEmpty()) {
      return Future.failedFuture(Failure.UNAVAILABLE.exception("no ESME is bound to the lab SMSC"));
    }
    SmppServerSession session = receiver.get();
    DeliverSm pdu = DeliverSmBuilder.build(sms);
    PendingDelivery pending = new PendingDelivery(context, nextMessageId());
    pdu.setReferenceObject(pending);
    long timeoutMs = settings.responseTimeoutMs();
    long timer = vertx.setTimer(timeoutMs,
        id -> pending.fail(Failure.TIMEOUT, "no deliver_sm_resp within " + timeoutMs + " ms"));
    blocking.executeBlocking(() -> {
      pending.sending();
      session.sendRequestPdu(pdu, timeoutMs, false);
      return null;
    }, false).onFailure(e -> failToSend(pending, e));
    return pending.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  private static void failToSend(PendingDelivery pending, Throwable e) {
    if (e instanceof SmppTimeoutException) {
      pending.fail(Failure.TIMEOUT, "the ESME's window stayed full: " + e.getMessage());
    } else if (e instanceof SmppChannelException) {
      pending.fail(Failure.UNAVAILABLE, "the ESME's connection is closed: " + e.getMessage());
    } else {
      pending.fail(Failure.INTERNAL, "cannot send: " + e);
    }
  }

  private String nextMessageId() {
    return messageIdPrefix + messageCounter.incrementAndGet();
  }

  private SmppServerConfiguration serverConfiguration() {
    SmppServerConfiguration c = new SmppServerConfiguration();
    c.setName("inlet-smsc-simulator");
    c.setHost(HOST);
    c.setPort(settings.smscPort());
    c.setSystemId("inlet-lab-smsc");
    c.setNonBlockingSocketsEnabled(true);
    c.setReuseAddress(true);
    c.setMaxConnectionSize(64);
    c.setJmxEnabled(false);
    c.setDefaultWindowSize(settings.windowSize());
    c.setDefaultWindowWaitTimeout(settings.responseTimeoutMs());
    c.setDefaultRequestExpiryTimeout(settings.responseTimeoutMs());
    c.setDefaultWindowMonitorInterval(Math.max(100, Math.min(1_000, settings.responseTimeoutMs() / 4)));
    c.setDefaultSessionCountersEnabled(false);
    return c;
  }
}
