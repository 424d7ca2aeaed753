package dev.inlet.smpp;

import com.cloudhopper.smpp.SmppClient;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.type.SmppBindException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one bind to an SMSC up: binds off the event loop, retries with {@link Backoff} while the SMSC
 * cannot be reached, sends enquire_link periodically, binds again when the connection is lost, and
 * hands each deliver_sm to a {@link DeliverSmProcessor} and its status back to the SMSC.
 * Its state lives on the verticle's context.
 */
final class BindSupervisor implements SmscSessionHandler.Events {

  private static final Logger LOG = LoggerFactory.getLogger(BindSupervisor.class);
  private static final long BIND_TIMEOUT_MS = 10_000;
  private static final long UNBIND_TIMEOUT_MS = 2_000;
  private static final long MAX_ENQUIRE_LINK_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Context context;
  private final WorkerExecutor blocking;
  private final SmppClient client;
  private final BindSettings settings;
  private final DeliverSmProcessor processor;
  private final Backoff backoff;

  private SmscSessionHandler link;     // the current attempt or bound session, null between attempts
  private SmppSession session;         // set once link is bound
  private long retryTimer = -1;
  private long enquireLinkTimer = -1;
  private boolean enquireLinkInFlight;
  private boolean stopping;

  BindSupervisor(Vertx vertx, Context context, WorkerExecutor blocking, SmppClient client, BindSettings settings,
                 DeliverSmProcessor processor) {
    this.vertx = vertx;
    this.context = context;
    this.blocking = blocking;
    this.client = client;
    this.settings = settings;
    this.processor = processor;
    this.backoff = new Backoff(settings.reconnectMinMs(), settings.reconnectMaxMs());
  }

  /** Starts the first bind attempt; succeeds at once, whether the SMSC is up or not. */
  Future<Void> start() {
    attemptBind();
    return Future.succeededFuture();
  }

  /** Unbinds and destroys the session, and stops retrying. */
  Future<Void> stop() {
    stopping = true;
    cancelTimers();
    SmppSession current = session;
    link = null;
    session = null;
    if (current == null) {
      return Future.succeededFuture();
    }
    return blocking.<Void>executeBlocking(() -> {
      current.unbind(UNBIND_TIMEOUT_MS);
      current.destroy();
      return null;
    }, false).onSuccess(v -> LOG.info("[{}] unbound from {}:{}", settings.name(), settings.host(), settings.port()));
  }

  private void attemptBind() {
    retryTimer = -1;
    if (stopping) {
      return;
    }
    SmscSessionHandler attempt = new SmscSessionHandler(settings.name(), context, blocking, this);
    link = attempt;
    SmppSessionConfiguration configuration = sessionConfiguration();
    blocking.executeBlocking(() -> {
      try {
        SmppSession bound = client.bind(configuration, attempt);
        attempt.bound(bound);
        return bound;
      } catch (Exception e) {
        attempt.bindFailed(e);
        throw e;
      }
    }, false).onComplete(result -> {
      if (result.succeeded()) {
        bound(attempt, result.result());
      } else {
        bindFailed(attempt, result.cause());
      }
    });
  }

  private void bound(SmscSessionHandler attempt, SmppSession bound) {
    if (stopping || attempt != link) {
      destroyOffLoop(bound);
      return;
    }
    session = bound;
    if (attempt.isLost() || !bound.isBound()) {
      lost(attempt, "the connection closed right after binding");
      return;
    }
    backoff.reset();
    LOG.info("[{}] bound to {}:{} as {} ({})", settings.name(), settings.host(), settings.port(), settings.systemId(),
        settings.bindType());
    enquireLinkTimer = vertx.setPeriodic(settings.enquireLinkSeconds() * 1000L, id -> enquireLink(attempt, bound));
  }

  private void bindFailed(SmscSessionHandler attempt, Throwable failure) {
    if (stopping || attempt != link) {
      return;
    }
    link = null;
    scheduleRebind("bind to " + settings.host() + ":" + settings.port() + " failed: " + reason(failure));
  }

  @Override
  public void lost(SmscSessionHandler lostLink, String reason) {
    if (stopping || lostLink != link || session == null) {
      return; // an old attempt, or the bind has not returned yet (it will see the link is lost)
    }
    SmppSession lostSession = session;
    processor.sessionLost();
    link = null;
    session = null;
    cancelTimers();
    destroyOffLoop(lostSession);
    scheduleRebind("lost the bind: " + reason);
  }

  @Override
  public void deliverSm(SmscSessionHandler from, DeliverSm pdu) {
    processor.process(pdu).onComplete(status -> {
      PduResponse response = pdu.createResponse();
      response.setCommandStatus(status.result());
      from.respond(response)
          .onComplete(written -> processor.answered(pdu, status.result(), written.succeeded()))
          .onFailure(e -> LOG.warn(
          "[{}] could not answer deliver_sm seq {} with {} ({}); the SMSC will deliver it again", settings.name(),
          pdu.getSequenceNumber(), SmppStatus.name(status.result()), reason(e)));
    });
  }

  private void enquireLink(SmscSessionHandler attempt, SmppSession bound) {
    if (enquireLinkInFlight || attempt != link) {
      return;
    }
    enquireLinkInFlight = true;
    long timeout = Math.min(MAX_ENQUIRE_LINK_TIMEOUT_MS, settings.enquireLinkSeconds() * 1000L);
    blocking.executeBlocking(() -> bound.enquireLink(new EnquireLink(), timeout), false)
        .onComplete(result -> {
          enquireLinkInFlight = false;
          if (result.failed()) {
            lost(attempt, "enquire_link failed: " + reason(result.cause()));
          }
        });
  }

  private void scheduleRebind(String why) {
    long delay = backoff.nextDelayMs();
    LOG.warn("[{}] {}; binding again in {} ms", settings.name(), why, delay);
    retryTimer = vertx.setTimer(delay, id -> attemptBind());
  }

  private void cancelTimers() {
    if (retryTimer != -1) {
      vertx.cancelTimer(retryTimer);
      retryTimer = -1;
    }
    if (enquireLinkTimer != -1) {
      vertx.cancelTimer(enquireLinkTimer);
      enquireLinkTimer = -1;
    }
    enquireLinkInFlight = false;
  }

  private SmppSessionConfiguration sessionConfiguration() {
    SmppSessionConfiguration c = new SmppSessionConfiguration(settings.bindType(), settings.systemId(),
        settings.password());
    c.setName("inlet-smpp-" + settings.name());
    c.setHost(settings.host());
    c.setPort(settings.port());
    c.setWindowSize(settings.windowSize());
    c.setConnectTimeout(BIND_TIMEOUT_MS);
    c.setBindTimeout(BIND_TIMEOUT_MS);
    c.setRequestExpiryTimeout(MAX_ENQUIRE_LINK_TIMEOUT_MS * 3);
    c.setWindowMonitorInterval(MAX_ENQUIRE_LINK_TIMEOUT_MS);
    c.setCountersEnabled(false);
    c.getLoggingOptions().setLogPdu(false);
    c.getLoggingOptions().setLogBytes(false);
    return c;
  }

  private void destroyOffLoop(SmppSession s) {
    blocking.executeBlocking(() -> {
      s.close();
      s.destroy();
      return null;
    }, false).onFailure(e -> LOG.debug("[{}] destroying an SMPP session failed: {}", settings.name(), e.toString()));
  }

  private static String reason(Throwable failure) {
    if (failure instanceof SmppBindException bindException && bindException.getBindResponse() != null) {
      return "the SMSC refused the bind with " + String.format("0x%08X",
          bindException.getBindResponse().getCommandStatus());
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
