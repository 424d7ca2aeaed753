package dev.inlet.modem;

import dev.inlet.modem.at.StoredPdu;
import dev.inlet.modem.pdu.Address;
import dev.inlet.modem.pdu.Tpdu;
import dev.inlet.shared.bus.SmsIngest;
import dev.inlet.shared.message.DedupKey;
import dev.inlet.shared.message.InboundSms;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Hands each SMS a modem received to the router through the same ingest contract as the SMPP binds
 * ({@link SmsIngest}: the number's inbound address, else the unrouted one) and succeeds once it is stored.
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

  static InboundSms inboundSms(PortIdentity port, StoredPdu stored, Tpdu.SmsDeliver sms) {
    String ref = (port.iccid() != null ? port.iccid() : port.path()) + "#" + stored.index();
    return new InboundSms(UUID.randomUUID().toString(), port.number(), from(sms.originator()), sms.text(),
        Instant.now(), port.source(), ref, dedupKey(port, stored.pdu()),
        sms.serviceCentreTime() == null ? null : sms.serviceCentreTime().toInstant());
  }

  static String dedupKey(PortIdentity port, String pdu) {
    return DedupKey.of("modem", DedupKey.utf8(port.number()),
        pdu.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  static String from(Address originator) {
    return originator.value();
  }
}
