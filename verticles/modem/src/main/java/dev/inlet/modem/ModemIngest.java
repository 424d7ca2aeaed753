package dev.inlet.modem;

import dev.inlet.modem.at.StoredPdu;
import dev.inlet.modem.pdu.Address;
import dev.inlet.modem.pdu.Tpdu;
import dev.inlet.modem.pdu.UserData;
import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.message.DedupKey;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.MessageIds;
import dev.inlet.shared.sms.Segment;
import dev.inlet.shared.sms.UserDataHeader;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Hands each SMS a modem received to the router through the same ingest contract as the SMPP binds
 * ({@link SmsIngest}: the number's inbound address, else the unrouted one) and succeeds once it is stored.
 *
 * <p>Parts of concatenated messages go the same way with their {@link Segment}: the router holds them durably
 * (the same reassembly as the SMPP path: any order, duplicates, a timeout after which what came is delivered
 * marked incomplete), so each part is deleted from the SIM once held.
 *
 * <p>The dedup key is the port's number and the PDU as the SIM holds it (originator, service-centre time stamp,
 * header and text), so a message read again after a restart, before it was deleted, is stored once.
 */
final class ModemIngest implements ReceivedMessages {

  private final SmsIngest ingest;

  ModemIngest(SmsIngest ingest) {
    this.ingest = ingest;
  }

  @Override
  public Future<Void> accept(PortIdentity port, StoredPdu stored, Tpdu.SmsDeliver sms) {
    return ingest.route(inboundSms(port, stored, sms)).mapEmpty();
  }

  /**
   * The message for the router. A part of a concatenated message carries its {@link Segment} (the router holds it
   * in the store until the message is whole, as it does for SMPP; its answer {@code HELD} is "durably held") and no
   * dedup key of its own: a part read again is recognised by its place in its message.
   */
  @Override
  public Future<Void> acceptReport(PortIdentity port, StoredPdu stored, Tpdu.StatusReport report) {
    return ingest.receipt(deliveryReceipt(port, stored, report)).mapEmpty();
  }

  /**
   * A status report as the delivery receipt the router stores apart (as for SMPP receipts): from the recipient of the
   * message this SIM sent, to the port's number; the receipted id is the TP-MR of that message; its id is the same
   * each time the report is read again.
   */
  static DeliveryReceipt deliveryReceipt(PortIdentity port, StoredPdu stored, Tpdu.StatusReport report) {
    String text = "mr:" + report.messageReference() + " st:" + String.format("%02X", report.status())
        + " sent:" + report.serviceCentreTime() + " done:" + report.dischargeTime();
    return new DeliveryReceipt(DedupKey.of("modem-report", DedupKey.utf8(port.number()),
        stored.pdu().strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII)), port.source(),
        report.recipient().value(), port.number(), Integer.toString(report.messageReference()),
        messageState(report.status()), text, Instant.now());
  }

  /** TP-ST (23.040 9.2.3.15) as an SMPP message_state name, as SMPP receipts carry it. */
  static String messageState(int status) {
    if (status <= 0x02) {
      return "DELIVERED"; // received by the SME, forwarded, or replaced
    }
    if (status < 0x20) {
      return "UNKNOWN"; // reserved or SC-specific "completed" values
    }
    if (status < 0x40) {
      return "ENROUTE"; // temporary error, the SC still tries
    }
    if (status == 0x46) {
      return "EXPIRED"; // validity period expired
    }
    if (status == 0x41 || status == 0x42 || status == 0x43) {
      return "REJECTED"; // incompatible destination, connection rejected by the SME, not obtainable
    }
    return "UNDELIVERABLE"; // permanent errors, and temporary ones the SC no longer retries
  }

  static InboundSms inboundSms(PortIdentity port, StoredPdu stored, Tpdu.SmsDeliver sms) {
    String ref = (port.iccid() != null ? port.iccid() : port.path()) + "#" + stored.index();
    Segment segment = segment(sms.userData());
    return new InboundSms(MessageIds.next(), port.number(), from(sms.originator()), sms.text(),
        Instant.now(), port.source(), ref, segment != null ? null : dedupKey(port, stored.pdu()),
        sms.serviceCentreTime() == null ? null : sms.serviceCentreTime().toInstant(), segment);
  }

  static Segment segment(UserData ud) {
    Optional<UserDataHeader.Concatenation> concat = ud.header().concat();
    if (concat.isEmpty() || concat.get().total() < 2) {
      return null;
    }
    UserDataHeader.Concatenation c = concat.get();
    return new Segment(c.reference(), c.referenceBits(), c.total(), c.number(), ud.alphabet(),
        ud.header().lockingShift(), ud.header().singleShift(), ud.userData());
  }

  static String dedupKey(PortIdentity port, String pdu) {
    return DedupKey.of("modem", DedupKey.utf8(port.number()),
        pdu.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  static String from(Address originator) {
    return originator.value();
  }
}
