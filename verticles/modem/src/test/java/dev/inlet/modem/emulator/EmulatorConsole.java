package dev.inlet.modem.emulator;

import dev.inlet.shared.sms.Gsm7;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The modem emulator by hand, for a lab: attaches to the emulator's end of a socat pty pair and delivers one SMS per
 * line typed, {@code <sender> <text>} (GSM 7-bit when the text fits it, else UCS-2).
 *
 * <pre>
 * socat pty,raw,echo=0,link=/tmp/ttyGSM0 pty,raw,echo=0,link=/tmp/ttyGSM0.emu &amp;
 * java -cp node/target/inlet.jar:verticles/modem/target/inlet-modem-0.1.0-SNAPSHOT-tests.jar \
 *   dev.inlet.modem.emulator.EmulatorConsole /tmp/ttyGSM0.emu +4915112345678
 * </pre>
 */
public final class EmulatorConsole {

  private EmulatorConsole() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: EmulatorConsole <emulator pty path> <the SIM's number, E.164> [SIM slots]");
      System.exit(2);
    }
    int slots = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    try (ModemEmulator modem = new ModemEmulator(args[0], slots, args[1]).attach()) {
      System.out.println("modem " + args[1] + " on " + args[0] + ": type '<sender> <text>' to receive an SMS, ^D to stop");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        int space = line.indexOf(' ');
        if (space <= 0) {
          System.out.println("  '<sender> <text>', e.g. 'Google Your code is 123456'");
          continue;
        }
        String from = line.substring(0, space);
        String text = line.substring(space + 1);
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        modem.deliver(Gsm7.canEncode(text) && Gsm7.encode(text).length <= 160 ? DeliverPdus.gsm7(from, text, now)
            : DeliverPdus.ucs2(from.startsWith("+") ? from : "+" + from, text, now));
        System.out.println("  delivered; on the SIM: " + modem.stored() + ", deleted after storing so far: "
            + modem.deleted());
      }
    }
  }
}
