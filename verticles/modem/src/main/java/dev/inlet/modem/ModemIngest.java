package dev.inlet.modem;

import dev.inlet.modem.at.StoredPdu;
import dev.inlet.modem.pdu.Address;
import dev.inlet.modem.pdu.Tpdu;
import dev.inlet.modem.pdu.UserData;
import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.message.DedupKey;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.sms.Segment;
import dev.inlet.shared.sms.UserDataHeader;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

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
  static InboundSms inboundSms(PortIdentity port, StoredPdu stored, Tpdu.SmsDeliver sms) {
    String ref = (port.iccid() != null ? port.iccid() : port.path()) + "#" + stored.index();
    Segment segment = segment(sms.userData());
    return new InboundSms(UUID.randomUUID().toString(), port.number(), from(sms.originator()), sms.text(),
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
