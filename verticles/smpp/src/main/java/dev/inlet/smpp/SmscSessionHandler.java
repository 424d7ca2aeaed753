package dev.inlet.smpp;

import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.impl.DefaultSmppSession;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.GenericNack;
import com.cloudhopper.smpp.pdu.PartialPdu;
import com.cloudhopper.smpp.pdu.Pdu;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.Unbind;
import com.cloudhopper.smpp.transcoder.DefaultPduTranscoder;
import com.cloudhopper.smpp.transcoder.DefaultPduTranscoderContext;
import com.cloudhopper.smpp.transcoder.PduTranscoder;
import com.cloudhopper.smpp.type.RecoverablePduException;
import com.cloudhopper.smpp.type.UnrecoverablePduException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.nio.channels.ClosedChannelException;
import org.jboss.netty.buffer.ChannelBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloudhopper callbacks of one bind attempt. They run on Netty I/O threads: deliver_sm and
 * connection loss are handed to the verticle's context; enquire_link and unbind are answered at once;
 * malformed and unknown PDUs are logged and answered (cloudhopper does not answer them itself).
 *
 * <p>A deliver_sm may arrive before {@code bind()} has returned the session, so responses wait on
 * {@link #bound}; they are written on the Netty channel without waiting for the write (see {@link #respond}).
 */
final class SmscSessionHandler extends DefaultSmppSessionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SmscSessionHandler.class);
  /** Encoding is stateless: one transcoder for every session. */
  private static final PduTranscoder TRANSCODER = new DefaultPduTranscoder(new DefaultPduTranscoderContext());

  /** What the bind supervisor hears of a session, on its context. */
  interface Events {
    void deliverSm(SmscSessionHandler link, DeliverSm pdu);

    void lost(SmscSessionHandler link, String reason);
  }

  private final String bindName;
  private final Context context;
  private final WorkerExecutor blocking;
  private final Events events;
  private final Promise<SmppSession> session = Promise.promise();
  private final AtomicBoolean lost = new AtomicBoolean();

  SmscSessionHandler(String bindName, Context context, WorkerExecutor blocking, Events events) {
    super(LOG);
    this.bindName = bindName;
    this.context = context;
    this.blocking = blocking;
    this.events = events;
  }

  /** The bind succeeded: responses can be written. */
  void bound(SmppSession bound) {
    session.tryComplete(bound);
  }

  /** The bind failed: responses to anything received meanwhile cannot be written. */
  void bindFailed(Throwable failure) {
    session.tryFail(failure);
  }

  /** Whether the connection was lost (possibly before the bind returned). */
  boolean isLost() {
    return lost.get();
  }

  /**
   * Writes a response on the session; the future completes on the verticle's context once the bytes are written to
   * the socket. cloudhopper's own {@code sendResponsePdu} waits for the write (so it would need a worker thread and
   * two thread hand-offs per message): the response is encoded here and written on the Netty channel without waiting.
   */
  Future<Void> respond(PduResponse response) {
    return session.future().compose(s -> {
      if (!(s instanceof DefaultSmppSession d) || !response.hasSequenceNumberAssigned()) {
        return blocking.executeBlocking(() -> {
          s.sendResponsePdu(response);
          return null;
        }, false);
      }
      ChannelBuffer bytes;
      try {
        bytes = TRANSCODER.encode(response);
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
      Promise<Void> written = Promise.promise();
      d.getChannel().write(bytes).addListener(f -> context.runOnContext(v -> {
        if (f.isSuccess()) {
          written.tryComplete();
        } else {
          written.tryFail(f.getCause() != null ? f.getCause() : new ClosedChannelException());
        }
      }));
      return written.future();
    });
  }

  @Override
  @SuppressWarnings("rawtypes")
  public PduResponse firePduRequestReceived(PduRequest request) {
    if (request instanceof DeliverSm deliverSm) {
      context.runOnContext(v -> events.deliverSm(this, deliverSm));
      return null; // answered once the router has replied
    }
    if (request instanceof EnquireLink) {
      return request.createResponse();
    }
    if (request instanceof Unbind) {
      // answer first, then drop the connection and bind again
      respond(request.createResponse()).onComplete(v -> markLost("the SMSC unbound"));
      return null;
    }
    LOG.warn("[{}] answering unsupported {} (seq {}) with ESME_RINVCMDID", bindName, request.getName(),
        request.getSequenceNumber());
    PduResponse response = request.createResponse();
    response.setCommandStatus(SmppStatus.ESME_RINVCMDID);
    return response;
  }

  @Override
  public void fireChannelUnexpectedlyClosed() {
    markLost("the connection to the SMSC closed");
  }

  @Override
  public void fireUnknownThrowable(Throwable t) {
    if (t instanceof ClosedChannelException) {
      markLost("the connection to the SMSC closed");
    } else {
      LOG.warn("[{}] SMPP session error: {}", bindName, t.toString());
    }
  }

  @Override
  public void fireUnrecoverablePduException(UnrecoverablePduException e) {
    LOG.warn("[{}] unrecoverable PDU error, dropping the connection: {}", bindName, e.getMessage());
    markLost("unrecoverable PDU error: " + e.getMessage());
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void fireRecoverablePduException(RecoverablePduException e) {
    Pdu partial = e.getPartialPdu();
    if (!(partial instanceof PduRequest request) || !partial.hasSequenceNumberAssigned()) {
      LOG.warn("[{}] malformed PDU ignored: {}", bindName, e.getMessage());
      return;
    }
    PduResponse answer;
    if (partial instanceof DeliverSm) {
      answer = request.createResponse();
      answer.setCommandStatus(SmppStatus.ESME_RX_R_APPN);
    } else {
      answer = new GenericNack();
      answer.setSequenceNumber(partial.getSequenceNumber());
      answer.setCommandStatus(partial instanceof PartialPdu ? SmppStatus.ESME_RINVCMDID : SmppStatus.ESME_RINVCMDLEN);
    }
    LOG.warn("[{}] malformed {} (seq {}) answered with {} {}: {}", bindName, partial.getName(),
        partial.getSequenceNumber(), answer.getName(), SmppStatus.name(answer.getCommandStatus()), e.getMessage());
    respond(answer).onFailure(f -> LOG.warn("[{}] could not answer a malformed PDU: {}", bindName, f.toString()));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void firePduRequestExpired(PduRequest request) {
    LOG.debug("[{}] no answer in time to {} (seq {})", bindName, request.getName(), request.getSequenceNumber());
  }

  @Override
  public void fireUnexpectedPduResponseReceived(PduResponse response) {
    LOG.debug("[{}] late or unexpected {} (seq {})", bindName, response.getName(), response.getSequenceNumber());
  }

  private void markLost(String reason) {
    if (lost.compareAndSet(false, true)) {
      context.runOnContext(v -> events.lost(this, reason));
    }
  }
}
