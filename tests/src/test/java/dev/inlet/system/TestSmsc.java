package dev.inlet.system;

import com.cloudhopper.smpp.tlv.Tlv;
import java.time.Duration;

/** An SMSC written by others (jSMPP or cloudhopper's server), as a system test drives it: binds, delivers. */
interface TestSmsc extends AutoCloseable {

  String SYSTEM_ID = "inlet";
  String PASSWORD = "secret";

  int port();

  /** Waits for the ESME to bind. */
  void awaitBind(Duration timeout) throws Exception;

  /**
   * Delivers one deliver_sm on the bound session; returns normally only when it was answered ESME_ROK.
   *
   * @param from a number (TON international) or, with letters, an alphanumeric sender
   * @throws Refused with the command_status otherwise
   */
  void deliver(String from, String to, int esmClass, int dataCoding, byte[] shortMessage, Tlv... tlvs) throws Exception;

  /** The ESME answered a deliver_sm with an error status. */
  final class Refused extends Exception {
    private final int status;

    Refused(int status) {
      super(String.format("deliver_sm answered with command_status 0x%08X", status));
      this.status = status;
    }

    int status() {
      return status;
    }
  }
}
