package dev.inlet.smpp;

import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.runtime.DaemonThreads;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import dev.inlet.shared.bus.MessageCodecs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Map;
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
 * <p>Deployment succeeds even when an SMSC is down: each {@link BindSupervisor} keeps retrying.
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

  private ExecutorService ioExecutor;
  private ScheduledThreadPoolExecutor monitorExecutor;
  private WorkerExecutor blocking;
  private DefaultSmppClient client;
  private List<BindSupervisor> supervisors = List.of();

  @Override
  public Future<?> start() {
    MessageCodecs.register(vertx);
    List<BindSettings> binds = BindSettings.fromConfig(config());
    Map<String, DecodingSettings> decoding = DecodingSettings.fromConfig(config());
    // keep our thread names instead of Netty 3's "New I/O worker #n"
    ThreadRenamingRunnable.setThreadNameDeterminer(ThreadNameDeterminer.CURRENT);
    ioExecutor = Executors.newCachedThreadPool(new DaemonThreads("inlet-smpp-io"));
    monitorExecutor = new ScheduledThreadPoolExecutor(1, new DaemonThreads("inlet-smpp-monitor"));
    monitorExecutor.setRemoveOnCancelPolicy(true);
    client = new DefaultSmppClient(ioExecutor, binds.size(), monitorExecutor);
    blocking = vertx.createSharedWorkerExecutor(BLOCKING_POOL, BLOCKING_POOL_SIZE);
    supervisors = binds.stream()
        .map(bind -> new BindSupervisor(vertx, context, blocking, client, bind, processor(bind,
            decoding.getOrDefault(bind.name(), DecodingSettings.DEFAULT))))
        .toList();
    return Future.all(supervisors.stream().map(BindSupervisor::start).toList());
  }

  private DeliverSmProcessor processor(BindSettings bind, DecodingSettings decoding) {
    return new DeliverSmProcessor(bind.name(), new DeliverSmDecoder(bind.name(), decoding.smscDefault()),
        new SmsIngest(vertx.eventBus(), bind.routeTimeoutMs()), decoding, System::currentTimeMillis);
  }

  @Override
  public Future<?> stop() {
    return Future.join(supervisors.stream().map(BindSupervisor::stop).toList())
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
