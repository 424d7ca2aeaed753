package dev.inlet.smsc;

import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.message.LabSms;
import java.util.Optional;

/** Whether a {@link LabSms} can be delivered as an SMSC would, and if not, exactly why. */
public final class LabSmsValidation {

  /** source_addr is a C-octet string of at most 21 octets, the NUL included. */
  static final int MAX_FROM_LENGTH = 20;
  /** The message_payload TLV holds at most 64 KiB. */
  static final int MAX_TEXT_LENGTH = 32_767;

  private LabSmsValidation() {
  }

  /** The problem with {@code sms}, or empty when it is valid. */
  public static Optional<String> problem(LabSms sms) {
    if (sms.to() == null || !PhoneNumber.isE164(sms.to())) {
      return Optional.of("to must be an E.164 number such as +12125550100, not " + quoted(sms.to()));
    }
    if (sms.from() == null || sms.from().isBlank()) {
      return Optional.of("from is required (a number or an alphanumeric sender such as Google)");
    }
    if (sms.from().length() > MAX_FROM_LENGTH) {
      return Optional.of("from must be at most " + MAX_FROM_LENGTH + " characters, got " + sms.from().length());
    }
    if (!sms.from().chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
      return Optional.of("from must be printable ASCII, not " + quoted(sms.from()));
    }
    if (sms.text() == null) {
      return Optional.of("text is required (it may be empty)");
    }
    if (sms.text().length() > MAX_TEXT_LENGTH) {
      return Optional.of("text must be at most " + MAX_TEXT_LENGTH + " characters, got " + sms.text().length());
    }
    return Optional.empty();
  }

  private static String quoted(String s) {
    return s == null ? "null" : "'" + s + "'";
  }
}
