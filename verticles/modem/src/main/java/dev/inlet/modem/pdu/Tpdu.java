package dev.inlet.modem.pdu;

import java.time.OffsetDateTime;

/** What a modem holds in its storage, decoded: a user's message or a status report (never mixed up). */
public sealed interface Tpdu {

  /** The service centre that handed the message over (from the PDU's SCA field), null when absent. */
  Address smsc();

  /**
   * An SMS-DELIVER (23.040 9.2.2.1).
   *
   * @param text the decoded text (8-bit data: its octets in hex); for a part of a concatenated message, this
   *             part's text
   */
  record SmsDeliver(Address smsc, Address originator, int protocolIdentifier, DataCoding dataCoding,
                    OffsetDateTime serviceCentreTime, boolean moreMessagesToSend, boolean statusReportIndication,
                    boolean replyPath, UserData userData, String text) implements Tpdu {
  }

  /**
   * An SMS-STATUS-REPORT (23.040 9.2.2.3): the fate of a message this SIM sent, not a message to anyone.
   *
   * @param status TP-ST (0x00 delivered, 0x20-0x3F temporary, 0x40-0x7F permanent failures)
   */
  record StatusReport(Address smsc, int messageReference, Address recipient, OffsetDateTime serviceCentreTime,
                      OffsetDateTime dischargeTime, int status) implements Tpdu {
  }
}
