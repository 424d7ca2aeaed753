package dev.inlet.modem;

import dev.inlet.modem.at.StoredPdu;
import dev.inlet.modem.pdu.Tpdu;
import io.vertx.core.Future;

/**
 * Where a port hands the SMS-DELIVERs it reads. The future succeeds once the message (or this part of one) is
 * durably held: only then is it deleted from the SIM.
 */
interface ReceivedMessages {

  /**
   * @param port   the port's identity (path, number, ICCID)
   * @param stored the PDU as the modem listed it
   * @param sms    the decoded PDU
   */
  Future<Void> accept(PortIdentity port, StoredPdu stored, Tpdu.SmsDeliver sms);

  /** A status report for a message this SIM sent: stored apart from messages; succeeds once stored. */
  Future<Void> acceptReport(PortIdentity port, StoredPdu stored, Tpdu.StatusReport report);

  /** Who received a message: the port, its number (E.164) and the SIM's ICCID (null when unknown). */
  record PortIdentity(String path, String number, String iccid) {
    String source() {
      return "modem:" + path;
    }
  }
}
