package dev.inlet.smpp;

import com.cloudhopper.smpp.SmppClient;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.type.SmppBindException;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.lease.BindLease;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one bind to an SMSC up while its {@link BindOwnership} holds the slot: binds off the event loop, retries
 * with {@link Backoff} while the SMSC cannot be reached, sends enquire_link periodically, binds again when the
 * connection is lost, when an enquire_link goes unanswered or when no deliver_sm came for
 * {@link BindPolicy#idleRebindSeconds()} (a ghost session), and hands each deliver_sm to a
 * {@link DeliverSmProcessor}. ESME_ROK goes back to the SMSC only once the ownership confirms the slot is still
 * this node's. Publishes its {@link BindStatus} on every change and every {@value #STATUS_PERIOD_MS} ms.
 * Its state lives on the verticle's context.
 */
final class BindSupervisor implements SmscSessionHandler.Events, BindOwnership.Bind {

  private static final Logger LOG = LoggerFactory.getLogger(BindSupervisor.class);
  private static final long BIND_TIMEOUT_MS = 10_000;
  private static final long UNBIND_TIMEOUT_MS = 2_000;
  private static final long MAX_ENQUIRE_LINK_TIMEOUT_MS = 10_000;
  static final long STATUS_PERIOD_MS = 5_000;

  private final Vertx vertx;
  private final Context context;
  private final WorkerExecutor blocking;
  private final SmppClient client;
  private final BindSettings settings;
  private final DeliverSmProcessor processor;
  private final Backoff backoff;
  private final BindPolicy policy;
  private final BindStatus status;
  private BindOwnership ownership;

  private SmscSessionHandler link;     // the current attempt or bound session, null between attempts
  private SmppSession session;         // set once link is bound
  private long retryTimer = -1;
  private long enquireLinkTimer = -1;
  private long idleTimer = -1;
  private long statusTimer = -1;
  private long lastDeliverNanos;
  private boolean enquireLinkInFlight;
  private boolean probing;
  private boolean stopping = true;

  BindSupervisor(Vertx vertx, Context context, WorkerExecutor blocking, SmppClient client, BindSettings settings,
                 BindPolicy policy, BindStatus status, DeliverSmProcessor processor) {
    this.vertx = vertx;
    this.context = context;
    this.blocking = blocking;
    this.client = client;
    this.settings = settings;
    this.processor = processor;
    this.policy = policy;
    this.status = status;
    this.backoff = new Backoff(settings.reconnectMinMs(), settings.reconnectMaxMs());
  }

  /** The ownership that decides when this bind may run and acknowledge (set once, before it starts). */
  void ownedBy(BindOwnership owner) {
    this.ownership = owner;
  }

  /** Starts binding, whether the SMSC is up or not; called by the ownership once it holds the slot. */
  @Override
  public void start(Optional<BindLease> lease) {
    stopping = false;
    backoff.reset();
    status.leaseToken(lease.map(BindLease::token).orElse(null));
    changed(BindStatus.State.BINDING, lease.map(l -> "holding lease token " + l.token()).orElse(null));
    statusTimer = vertx.setPeriodic(STATUS_PERIOD_MS, id -> publish());
    attemptBind();
  }

  /** Tells the status listeners this bind is on standby (another node holds its slot). */
  void standby(String why) {
    status.leaseToken(null);
    changed(BindStatus.State.STANDBY, why);
  }

  /** Unbinds and destroys the session, and stops retrying. */
  @Override
  public Future<Void> stop(String why) {
    boolean wasRunning = !stopping;
    stopping = true;
    cancelTimers();
    if (statusTimer != -1) {
      vertx.cancelTimer(statusTimer);
      statusTimer = -1;
    }
    if (wasRunning) {
      changed(BindStatus.State.STOPPED, why);
    }
    SmppSession current = session;
    link = null;
    session = null;
    if (current == null) {
      return Future.succeededFuture();
    }
    processor.sessionLost();
    return blocking.<Void>executeBlocking(() -> {
      current.unbind(UNBIND_TIMEOUT_MS);
      current.destroy();
      return null;
    }, false).onSuccess(v -> LOG.info("[{}] unbound from {}:{}", status.id(), settings.host(), settings.port()));
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
    LOG.info("[{}] bound to {}:{} as {} ({})", status.id(), settings.host(), settings.port(), settings.systemId(),
        settings.bindType());
    changed(BindStatus.State.BOUND, null);
    enquireLinkTimer = vertx.setPeriodic(settings.enquireLinkSeconds() * 1000L, id -> enquireLink(attempt, bound));
    lastDeliverNanos = System.nanoTime();
    if (policy.idleRebindSeconds() > 0) {
      long idleMs = policy.idleRebindSeconds() * 1000L;
      idleTimer = vertx.setPeriodic(Math.max(100, Math.min(5_000, idleMs / 4)), id -> checkIdle(attempt, idleMs));
    }
  }

  /**
   * A ghost session: the SMSC keeps the connection and answers enquire_link but has delivered nothing for the idle
   * window. Dropping it and binding again makes a real SMSC route to the new session (and shows whether it still
   * accepts the account).
   */
  private void checkIdle(SmscSessionHandler attempt, long idleMs) {
    if (attempt != link || session == null || probing) {
      return;
    }
    long idleFor = (System.nanoTime() - lastDeliverNanos) / 1_000_000;
    if (idleFor < idleMs) {
      return;
    }
    // probe first, so that the log and the status say which it was: a dead link or a ghost session
    probing = true;
    SmppSession bound = session;
    long timeout = Math.min(policy.enquireLinkTimeoutMs(), settings.enquireLinkSeconds() * 1000L);
    blocking.executeBlocking(() -> bound.enquireLink(new EnquireLink(), timeout), false).onComplete(probe -> {
      probing = false;
      if (attempt != link) {
        return;
      }
      lost(attempt, probe.succeeded()
          ? "ghost session: enquire_link answered but no deliver_sm for " + idleFor + " ms (idleRebindSeconds "
              + policy.idleRebindSeconds() + "); binding again"
          : "no deliver_sm for " + idleFor + " ms and the probing enquire_link failed: " + reason(probe.cause()));
    });
  }

  private void bindFailed(SmscSessionHandler attempt, Throwable failure) {
    if (stopping || attempt != link) {
      return;
    }
    link = null;
    String why = "bind to " + settings.host() + ":" + settings.port() + " failed: " + reason(failure);
    changed(BindStatus.State.RECONNECTING, why);
    scheduleRebind(why);
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
    changed(BindStatus.State.RECONNECTING, reason);
    scheduleRebind("lost the bind: " + reason);
  }

  @Override
  public void deliverSm(SmscSessionHandler from, DeliverSm pdu) {
    lastDeliverNanos = System.nanoTime();
    status.deliverSm(Instant.now());
    processor.process(pdu).compose(code -> code != SmppStatus.ESME_ROK
        ? Future.succeededFuture(code)
        : ownership.mayAcknowledge().map(mine -> mine ? code : null)).onComplete(result -> {
          Integer code = result.succeeded() ? result.result() : null;
          if (code == null) {
            status.unanswered();
            processor.answered(pdu, SmppStatus.ESME_ROK, false); // never reached the SMSC: it stays a possible retry
            LOG.warn("[{}] deliver_sm seq {} left unanswered: this node no longer holds the bind's lease (the SMSC "
                + "delivers it again to the node that does)", status.id(), pdu.getSequenceNumber());
            return;
          }
          if (code == SmppStatus.ESME_ROK) {
            status.acknowledged();
          } else {
            status.refused();
          }
          PduResponse response = pdu.createResponse();
          response.setCommandStatus(code);
          from.respond(response)
              .onComplete(written -> processor.answered(pdu, code, written.succeeded()))
              .onFailure(e -> LOG.warn(
                  "[{}] could not answer deliver_sm seq {} with {} ({}); the SMSC will deliver it again", status.id(),
                  pdu.getSequenceNumber(), SmppStatus.name(code), reason(e)));
        });
  }

  private void enquireLink(SmscSessionHandler attempt, SmppSession bound) {
    if (enquireLinkInFlight || attempt != link) {
      return;
    }
    enquireLinkInFlight = true;
    long timeout = Math.min(policy.enquireLinkTimeoutMs(), settings.enquireLinkSeconds() * 1000L);
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
    LOG.warn("[{}] {}; binding again in {} ms", status.id(), why, delay);
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
    if (idleTimer != -1) {
      vertx.cancelTimer(idleTimer);
      idleTimer = -1;
    }
    enquireLinkInFlight = false;
  }

  private void changed(BindStatus.State state, String why) {
    status.state(state, why, Instant.now());
    publish();
  }

  private void publish() {
    vertx.eventBus().publish(Addresses.STATUS_BINDS, status.snapshot(Instant.now()));
  }

  private SmppSessionConfiguration sessionConfiguration() {
    SmppSessionConfiguration c = new SmppSessionConfiguration(settings.bindType(), settings.systemId(),
        settings.password());
    c.setName("inlet-smpp-" + status.id());
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
