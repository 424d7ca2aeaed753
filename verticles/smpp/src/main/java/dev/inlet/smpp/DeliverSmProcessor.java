package dev.inlet.smpp;

import com.cloudhopper.smpp.pdu.DeliverSm;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the command_status of one deliver_sm: decodes it, routes a message (or holds a part of one) through the
 * {@link SmsIngest}, or stores a delivery receipt apart, and answers OK only once the router has stored it. Never
 * fails: every outcome is a status, and every status but OK is logged once at WARN with its reason.
 *
 * <p>Its {@link Settlements} scope the dedup to retries: the bind tells it how each deliver_sm was answered
 * ({@link #answered}) and when the session is lost ({@link #sessionLost}).
 */
final class DeliverSmProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(DeliverSmProcessor.class);

  private final String bindName;
  private final DeliverSmDecoder decoder;
  private final SmsIngest ingest;
  private final Settlements settlements;
  private final LongSupplier clockMs;
  /** Messages being processed or answered. */
  private final Map<DeliverSm, InFlight> inFlight = new IdentityHashMap<>();

  /** A message being processed: its dedup key, when it arrived, and the id stored under the key (once known). */
  private static final class InFlight {
    final String dedupKey;
    final long arrivedMs;
    String messageId;

    InFlight(String dedupKey, long arrivedMs, String messageId) {
      this.dedupKey = dedupKey;
      this.arrivedMs = arrivedMs;
      this.messageId = messageId;
    }
  }

  DeliverSmProcessor(String bindName, DeliverSmDecoder decoder, SmsIngest ingest) {
    this(bindName, decoder, ingest, DecodingSettings.DEFAULT, System::currentTimeMillis);
  }

  DeliverSmProcessor(String bindName, DeliverSmDecoder decoder, SmsIngest ingest, DecodingSettings settings,
                     LongSupplier clockMs) {
    this.bindName = bindName;
    this.decoder = decoder;
    this.ingest = ingest;
    this.settlements = new Settlements(settings.settleAfterMs(), settings.settleAnsweredWithinMs(),
        DecodingSettings.MAX_PENDING_SETTLEMENTS, ingest::settle, DeliverSmProcessor::sessionId);
    this.clockMs = clockMs;
  }

  private static final SecureRandom SESSION_IDS = new SecureRandom();

  /**
   * A new session's id, stamped on each of its messages: 72 random bits, short (it is stored with every message), and
   * unique enough among the sessions whose messages are within one dedup window.
   */
  private static String sessionId() {
    byte[] id = new byte[9];
    SESSION_IDS.nextBytes(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  /** The command_status to answer {@code pdu} with. */
  Future<Integer> process(DeliverSm pdu) {
    long arrived = clockMs.getAsLong();
    DecodedDeliverSm decoded;
    try {
      decoded = decoder.decode(pdu);
    } catch (RuntimeException e) {
      return Future.succeededFuture(refuse(pdu, SmppStatus.ESME_RX_R_APPN, "cannot decode it: " + e));
    }
    if (decoded instanceof DecodedDeliverSm.Receipt r) {
      return receipt(pdu, r.receipt());
    }
    if (decoded instanceof DecodedDeliverSm.Rejected rejected) {
      return Future.succeededFuture(refuse(pdu, SmppStatus.forProblem(rejected.problem()), rejected.detail()));
    }
    InboundSms sms = ((DecodedDeliverSm.Message) decoded).sms().arrivedOn(settlements.arrival());
    InFlight flight = new InFlight(sms.dedupKey(), arrived, sms.id());
    inFlight.put(pdu, flight);
    return settlements.beforeRouting(sms.dedupKey(), arrived)
        .compose(v -> ingest.route(sms))
        .map(receipt -> {
          flight.messageId = receipt.messageId(); // the original's, for a duplicate
          if (inFlight.get(pdu) == flight) { // still of the live session: answered() will follow
            settlements.answering(sms.dedupKey());
          }
          return SmppStatus.ESME_ROK;
        })
        .otherwise(failure -> refuse(pdu, SmppStatus.forRouteFailure(failure),
            "routing " + sms.id() + " to " + sms.to() + " failed: " + Failure.of(failure) + " (" + Failure.detail(failure) + ")"));
  }

  private Future<Integer> receipt(DeliverSm pdu, DeliveryReceipt receipt) {
    return ingest.receipt(receipt)
        .map(stored -> {
          LOG.debug("[{}] delivery receipt (seq {}) for message {} stored: {}", bindName, pdu.getSequenceNumber(),
              receipt.receiptedMessageId(), receipt.messageState());
          return SmppStatus.ESME_ROK;
        })
        .otherwise(failure -> refuse(pdu, SmppStatus.forRouteFailure(failure), "storing the delivery receipt for "
            + receipt.receiptedMessageId() + " failed: " + Failure.of(failure) + " (" + Failure.detail(failure) + ")"));
  }

  /** How {@code pdu} was answered: {@code written} when the response with {@code status} reached the connection. */
  void answered(DeliverSm pdu, int status, boolean written) {
    InFlight f = inFlight.remove(pdu);
    if (f != null) {
      settlements.answered(f.dedupKey, f.messageId, f.arrivedMs, written && status == SmppStatus.ESME_ROK,
          clockMs.getAsLong());
    }
  }

  /**
   * The session of this bind was lost: what it acknowledged lately stays a possible retry, and what it has not
   * answered yet can no longer be acknowledged on it (forgotten here, so nothing unanswered is kept for long).
   */
  void sessionLost() {
    settlements.sessionLost();
    inFlight.clear();
  }

  /** Messages answered OK that wait for their session's horizon (for tests). */
  int pendingSettlements() {
    return settlements.pending();
  }

  private int refuse(DeliverSm pdu, int status, String reason) {
    LOG.warn("[{}] answering deliver_sm seq {} with {}{}: {}", bindName, pdu.getSequenceNumber(), SmppStatus.name(status),
        SmppStatus.isTemporary(status) ? " (the SMSC will retry)" : "", reason);
    return status;
  }
}
