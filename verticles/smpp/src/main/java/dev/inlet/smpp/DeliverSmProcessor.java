package dev.inlet.smpp;

import dev.inlet.shared.bus.SmsIngest;
import com.cloudhopper.smpp.pdu.DeliverSm;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.InboundSms;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the command_status of one deliver_sm: decodes it, routes a message through the
 * {@link SmsIngest} and answers OK only once the router has stored it. Never fails: every outcome is
 * a status, and every status but OK is logged once at WARN with its reason.
 */
final class DeliverSmProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(DeliverSmProcessor.class);

  private final String bindName;
  private final DeliverSmDecoder decoder;
  private final SmsIngest ingest;

  DeliverSmProcessor(String bindName, DeliverSmDecoder decoder, SmsIngest ingest) {
    this.bindName = bindName;
    this.decoder = decoder;
    this.ingest = ingest;
  }

  /** The command_status to answer {@code pdu} with. */
  Future<Integer> process(DeliverSm pdu) {
    DecodedDeliverSm decoded;
    try {
      decoded = decoder.decode(pdu);
    } catch (RuntimeException e) {
      return Future.succeededFuture(refuse(pdu, SmppStatus.ESME_RX_R_APPN, "cannot decode it: " + e));
    }
    if (decoded instanceof DecodedDeliverSm.Receipt receipt) {
      LOG.info("[{}] delivery receipt (seq {}) for message {}: {}", bindName, pdu.getSequenceNumber(),
          receipt.receiptedMessageId(), receipt.text());
      return Future.succeededFuture(SmppStatus.ESME_ROK);
    }
    if (decoded instanceof DecodedDeliverSm.Rejected rejected) {
      return Future.succeededFuture(refuse(pdu, SmppStatus.forProblem(rejected.problem()), rejected.detail()));
    }
    InboundSms sms = ((DecodedDeliverSm.Message) decoded).sms();
    return ingest.route(sms)
        .map(receipt -> SmppStatus.ESME_ROK)
        .otherwise(failure -> refuse(pdu, SmppStatus.forRouteFailure(failure),
            "routing " + sms.id() + " to " + sms.to() + " failed: " + Failure.of(failure) + " (" + Failure.detail(failure) + ")"));
  }

  private int refuse(DeliverSm pdu, int status, String reason) {
    LOG.warn("[{}] answering deliver_sm seq {} with {}{}: {}", bindName, pdu.getSequenceNumber(), SmppStatus.name(status),
        SmppStatus.isTemporary(status) ? " (the SMSC will retry)" : "", reason);
    return status;
  }
}
