package dev.inlet.smsc;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.pdu.Unbind;
import dev.inlet.shared.bus.Failure;
import io.vertx.core.WorkerExecutor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the simulator does with one bound ESME's PDUs, on Netty I/O threads: answers enquire_link,
 * unbind (then closes, as an SMSC does) and submit_sm; settles the {@link PendingDelivery} of each
 * deliver_sm_resp or expired deliver_sm.
 */
final class EsmeSessionHandler extends DefaultSmppSessionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(EsmeSessionHandler.class);

  private final SmppServerSession session;
  private final WorkerExecutor blocking;
  private final BoundSessions<SmppServerSession> bound;
  private final Supplier<String> messageIds;

  EsmeSessionHandler(SmppServerSession session, WorkerExecutor blocking, BoundSessions<SmppServerSession> bound,
                     Supplier<String> messageIds) {
    super(LOG);
    this.session = session;
    this.blocking = blocking;
    this.bound = bound;
    this.messageIds = messageIds;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public PduResponse firePduRequestReceived(PduRequest request) {
    if (request instanceof EnquireLink) {
      return request.createResponse();
    }
    if (request instanceof Unbind) {
      bound.remove(session);
      PduResponse response = request.createResponse();
      blocking.executeBlocking(() -> {
        session.sendResponsePdu(response);
        session.close();
        return null;
      }, false).onFailure(e -> LOG.debug("closing an unbound session: {}", e.toString()));
      return null;
    }
    if (request instanceof SubmitSm submit) {
      SubmitSmResp response = submit.createResponse();
      response.setMessageId(messageIds.get());
      return response;
    }
    PduResponse response = request.createResponse();
    response.setCommandStatus(SmppConstants.STATUS_INVCMDID);
    return response;
  }

  @Override
  public void fireExpectedPduResponseReceived(PduAsyncResponse asyncResponse) {
    long ackedAtNanos = System.nanoTime();
    if (asyncResponse.getRequest().getReferenceObject() instanceof PendingDelivery pending) {
      pending.answered(asyncResponse.getResponse().getCommandStatus(), ackedAtNanos);
    }
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void firePduRequestExpired(PduRequest request) {
    if (request.getReferenceObject() instanceof PendingDelivery pending) {
      pending.fail(Failure.TIMEOUT, "the ESME did not answer in time");
    }
  }

  @Override
  public void fireUnexpectedPduResponseReceived(PduResponse response) {
    LOG.debug("late or unexpected {} (seq {})", response.getName(), response.getSequenceNumber());
  }

  @Override
  public void fireChannelUnexpectedlyClosed() {
    LOG.info("the ESME {} disconnected", session.getConfiguration().getSystemId());
  }
}
