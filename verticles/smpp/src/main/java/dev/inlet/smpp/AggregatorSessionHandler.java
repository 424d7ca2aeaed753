package dev.inlet.smpp;

import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseSm;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.GenericNack;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.pdu.Unbind;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.RecoverablePduException;
import com.cloudhopper.smpp.type.SmppInvalidArgumentException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One aggregator's session: its deliver_sm and submit_sm (to one of our numbers) are messages for us, handed to the
 * verticle's context and answered with the {@link DeliverSmProcessor}'s status once the router replied; enquire_link
 * and unbind are answered at once; anything else gets ESME_RINVCMDID.
 */
final class AggregatorSessionHandler extends DefaultSmppSessionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(AggregatorSessionHandler.class);
  /** esm_class bits that mean the same in submit_sm and deliver_sm: UDH indicator and reply path. */
  private static final int SHARED_ESM_BITS = 0xC0;

  private final String name;
  private final SmppServerSession session;
  private final Context context;
  private final WorkerExecutor blocking;
  private final DeliverSmProcessor processor;
  private final Runnable unbound;

  /** @param unbound run when the aggregator unbinds, before the unbind_resp: its place is free from then on */
  AggregatorSessionHandler(String name, SmppServerSession session, Context context, WorkerExecutor blocking,
                           DeliverSmProcessor processor, Runnable unbound) {
    super(LOG);
    this.name = name;
    this.session = session;
    this.context = context;
    this.blocking = blocking;
    this.processor = processor;
    this.unbound = unbound;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public PduResponse firePduRequestReceived(PduRequest request) {
    if (request instanceof DeliverSm deliverSm) {
      context.runOnContext(v -> ingest(request, deliverSm));
      return null;
    }
    if (request instanceof SubmitSm submitSm) {
      DeliverSm asDelivery;
      try {
        asDelivery = asDeliverSm(submitSm);
      } catch (SmppInvalidArgumentException e) {
        PduResponse refused = request.createResponse();
        refused.setCommandStatus(SmppStatus.ESME_RX_R_APPN);
        return refused;
      }
      context.runOnContext(v -> ingest(request, asDelivery));
      return null;
    }
    if (request instanceof EnquireLink) {
      return request.createResponse();
    }
    if (request instanceof Unbind) {
      unbound.run();
      respond(request.createResponse()).onComplete(v -> blocking.executeBlocking(() -> {
        session.close();
        return null;
      }, false));
      return null;
    }
    LOG.warn("[{}] answering unsupported {} (seq {}) with ESME_RINVCMDID", name, request.getName(),
        request.getSequenceNumber());
    PduResponse response = request.createResponse();
    response.setCommandStatus(SmppStatus.ESME_RINVCMDID);
    return response;
  }

  @SuppressWarnings("rawtypes")
  private void ingest(PduRequest request, DeliverSm message) {
    processor.process(message).onComplete(status -> {
      PduResponse response = request.createResponse();
      response.setCommandStatus(status.result());
      if (response instanceof SubmitSmResp submitResp && status.result() == SmppStatus.ESME_ROK) {
        submitResp.setMessageId(UUID.randomUUID().toString().replace("-", "").substring(0, 16));
      }
      respond(response)
          .onComplete(written -> processor.answered(message, status.result(), written.succeeded()))
          .onFailure(e -> LOG.warn("[{}] could not answer {} seq {} with {} ({}); the aggregator will "
          + "send it again", name, request.getName(), request.getSequenceNumber(), SmppStatus.name(status.result()),
          e.toString()));
    });
  }

  /** A submit_sm to one of our numbers, as the deliver_sm it stands for (same addresses, coding, payload, TLVs). */
  static DeliverSm asDeliverSm(SubmitSm submit) throws SmppInvalidArgumentException {
    DeliverSm d = new DeliverSm();
    d.setSequenceNumber(submit.getSequenceNumber());
    copy(submit, d);
    d.setEsmClass((byte) (submit.getEsmClass() & SHARED_ESM_BITS)); // a submitted message is never a receipt
    return d;
  }

  private static void copy(BaseSm<?> from, BaseSm<?> to) throws SmppInvalidArgumentException {
    to.setServiceType(from.getServiceType());
    to.setSourceAddress(from.getSourceAddress());
    to.setDestAddress(from.getDestAddress());
    to.setProtocolId(from.getProtocolId());
    to.setPriority(from.getPriority());
    to.setRegisteredDelivery(from.getRegisteredDelivery());
    to.setDataCoding(from.getDataCoding());
    to.setShortMessage(from.getShortMessage());
    if (from.getOptionalParameters() != null) {
      for (Tlv tlv : from.getOptionalParameters()) {
        to.addOptionalParameter(tlv);
      }
    }
  }

  @Override
  public void fireChannelUnexpectedlyClosed() {
    context.runOnContext(v -> processor.sessionLost()); // what it acknowledged lately stays a possible retry
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void fireRecoverablePduException(RecoverablePduException e) {
    var partial = e.getPartialPdu();
    if (!(partial instanceof PduRequest request) || !partial.hasSequenceNumberAssigned()) {
      LOG.warn("[{}] malformed PDU ignored: {}", name, e.getMessage());
      return;
    }
    PduResponse answer;
    if (partial instanceof BaseSm<?>) {
      answer = request.createResponse();
      answer.setCommandStatus(SmppStatus.ESME_RX_R_APPN);
    } else {
      answer = new GenericNack();
      answer.setSequenceNumber(partial.getSequenceNumber());
      answer.setCommandStatus(SmppStatus.ESME_RINVCMDLEN);
    }
    LOG.warn("[{}] malformed {} (seq {}) answered with {}: {}", name, partial.getName(), partial.getSequenceNumber(),
        SmppStatus.name(answer.getCommandStatus()), e.getMessage());
    respond(answer);
  }

  private Future<Void> respond(PduResponse response) {
    return blocking.executeBlocking(() -> {
      session.sendResponsePdu(response);
      return null;
    }, false);
  }
}
