package dev.inlet.modem.pdu;

import dev.inlet.shared.sms.Gsm7;
import dev.inlet.shared.sms.SmsAlphabet;
import dev.inlet.shared.sms.UserDataHeader;
import java.nio.charset.CharacterCodingException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Decodes the PDUs a modem lists in PDU mode ({@code AT+CMGF=0}): the service centre address followed by a
 * TPDU, per 3GPP TS 23.040 (structure) and 23.038 (data coding). SMS-DELIVER and SMS-STATUS-REPORT are read;
 * anything else, and anything malformed, is a {@link PduException} that says which field is wrong.
 * Never loops on its input: every step consumes octets or fails.
 */
public final class PduDecoder {

  private PduDecoder() {
  }

  private static final int TON_INTERNATIONAL = 1;
  private static final int TON_NATIONAL = 2;
  private static final int TON_ALPHANUMERIC = 5;
  private static final int MAX_PDU_OCTETS = 12 + 164; // SCA (at most 12) + the longest TPDU
  private static final char[] SEMI_OCTET_DIGITS = "0123456789*#abc".toCharArray();

  /** Decodes a PDU as a modem prints it: hex digits (either case), surrounding blanks ignored. */
  public static Tpdu decodeHex(String hex) throws PduException {
    String h = hex == null ? "" : hex.strip();
    if (h.isEmpty()) {
      throw new PduException("empty PDU");
    }
    if (h.length() % 2 != 0) {
      throw new PduException("a PDU is an even number of hex digits, got " + h.length());
    }
    if (h.length() / 2 > MAX_PDU_OCTETS) {
      throw new PduException("PDU of " + h.length() / 2 + " octets is longer than any SMS PDU (" + MAX_PDU_OCTETS + ")");
    }
    byte[] octets;
    try {
      octets = HexFormat.of().parseHex(h);
    } catch (IllegalArgumentException e) {
      throw new PduException("not hex: " + e.getMessage());
    }
    return decode(octets);
  }

  public static Tpdu decode(byte[] pdu) throws PduException {
    PduReader in = new PduReader(pdu);
    Address smsc = serviceCentre(in);
    int first = in.octet("TP-MTI (first octet)");
    return switch (first & 0x03) {
      case 0 -> deliver(in, smsc, first);
      case 2 -> statusReport(in, smsc);
      case 1 -> throw new PduException("an SMS-SUBMIT or SMS-SUBMIT-REPORT (TP-MTI 01), not a received message");
      default -> throw new PduException("TP-MTI 11 is reserved");
    };
  }

  private static Address serviceCentre(PduReader in) throws PduException {
    int length = in.octet("SMSC address length");
    if (length == 0) {
      return null;
    }
    if (length > 11) {
      throw new PduException("SMSC address of " + length + " octets (at most 11)");
    }
    int toa = in.octet("SMSC type of address");
    byte[] digits = in.octets(length - 1, "SMSC address");
    return number(toa, semiOctets(digits, (length - 1) * 2));
  }

  private static Tpdu.SmsDeliver deliver(PduReader in, Address smsc, int first) throws PduException {
    boolean moreMessages = (first & 0x04) == 0; // TP-MMS: 0 means more messages are waiting
    boolean sri = (first & 0x20) != 0;
    boolean udhi = (first & 0x40) != 0;
    boolean replyPath = (first & 0x80) != 0;
    Address originator = address(in, "TP-OA");
    int pid = in.octet("TP-PID");
    DataCoding dcs = DataCoding.of(in.octet("TP-DCS"));
    OffsetDateTime scts = timestamp(in, "TP-SCTS");
    UserData ud = userData(in, dcs, udhi);
    return new Tpdu.SmsDeliver(smsc, originator, pid, dcs, scts, moreMessages, sri, replyPath, ud, text(ud));
  }

  private static Tpdu.StatusReport statusReport(PduReader in, Address smsc) throws PduException {
    int reference = in.octet("TP-MR");
    Address recipient = address(in, "TP-RA");
    OffsetDateTime scts = timestamp(in, "TP-SCTS");
    OffsetDateTime discharge = timestamp(in, "TP-DT");
    int status = in.octet("TP-ST");
    return new Tpdu.StatusReport(smsc, reference, recipient, scts, discharge, status);
  }

  private static Address address(PduReader in, String field) throws PduException {
    int semiOctets = in.octet(field + " length");
    if (semiOctets > 20) {
      throw new PduException(field + " of " + semiOctets + " semi-octets (at most 20)");
    }
    int toa = in.octet(field + " type of address");
    byte[] value = in.octets((semiOctets + 1) / 2, field);
    if (((toa >> 4) & 0x07) == TON_ALPHANUMERIC) {
      String name = Gsm7.decode(Gsm7.unpack(value, semiOctets * 4 / 7, 0));
      return new Address(Address.Kind.ALPHANUMERIC, name, TON_ALPHANUMERIC, toa & 0x0F);
    }
    return number(toa, semiOctets(value, semiOctets));
  }

  private static Address number(int toa, String digits) {
    int ton = (toa >> 4) & 0x07;
    int npi = toa & 0x0F;
    return switch (ton) {
      case TON_INTERNATIONAL -> new Address(Address.Kind.INTERNATIONAL, "+" + digits, ton, npi);
      case TON_NATIONAL -> new Address(Address.Kind.NATIONAL, digits, ton, npi);
      default -> new Address(Address.Kind.OTHER, digits, ton, npi);
    };
  }

  /** Swapped semi-octets, low nibble first; 0xF pads an odd count. */
  private static String semiOctets(byte[] octets, int count) throws PduException {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      int b = octets[i / 2] & 0xFF;
      int nibble = i % 2 == 0 ? b & 0x0F : b >> 4;
      if (nibble == 0x0F) {
        if (i == count - 1 || (i == count - 2 && count % 2 == 0)) {
          break; // the filler of an odd-length number (some SMSCs count it)
        }
        throw new PduException("filler semi-octet F inside an address at digit " + (i + 1));
      }
      out.append(SEMI_OCTET_DIGITS[nibble]);
    }
    return out.toString();
  }

  /** 23.040 9.2.3.11: seven swapped semi-octet pairs; the time zone in quarter hours, bit 3 its sign. */
  private static OffsetDateTime timestamp(PduReader in, String field) throws PduException {
    byte[] t = in.octets(7, field);
    int[] v = new int[6];
    for (int i = 0; i < 6; i++) {
      v[i] = bcd(t[i], field);
    }
    int tz = t[6] & 0xFF;
    int tens = tz & 0x07;
    int units = tz >> 4;
    if (units > 9) {
      throw new PduException(field + " time zone octet " + String.format("%02X", tz) + " is not BCD");
    }
    int quarters = tens * 10 + units;
    if (quarters > 56) {
      throw new PduException(field + " time zone of " + quarters + " quarter hours (at most 14 h)");
    }
    int offsetSeconds = quarters * 15 * 60 * ((tz & 0x08) != 0 ? -1 : 1);
    int year = v[0] >= 90 ? 1900 + v[0] : 2000 + v[0];
    try {
      return OffsetDateTime.of(year, v[1], v[2], v[3], v[4], v[5], 0, ZoneOffset.ofTotalSeconds(offsetSeconds));
    } catch (DateTimeException e) {
      throw new PduException(field + " is not a valid time: " + e.getMessage());
    }
  }

  private static int bcd(byte b, String field) throws PduException {
    int lo = b & 0x0F;
    int hi = (b >> 4) & 0x0F;
    if (lo > 9 || hi > 9) {
      throw new PduException(field + " octet " + String.format("%02X", b & 0xFF) + " is not BCD");
    }
    return lo * 10 + hi;
  }

  private static UserData userData(PduReader in, DataCoding dcs, boolean udhi) throws PduException {
    int udl = in.octet("TP-UDL");
    boolean septets = dcs.alphabet() == DataCoding.Alphabet.GSM7 && !dcs.compressed();
    if (septets ? udl > 160 : udl > 140) {
      throw new PduException("TP-UDL " + udl + " is longer than one SMS (" + (septets ? "160 septets" : "140 octets") + ")");
    }
    int octetCount = septets ? (udl * 7 + 7) / 8 : udl;
    byte[] ud = in.octets(octetCount, "TP-UD (TP-UDL " + udl + ")");
    List<InformationElement> elements = new ArrayList<>();
    int headerOctets = 0;
    UserDataHeader header = UserDataHeader.NONE;
    if (udhi) {
      if (ud.length == 0) {
        throw new PduException("TP-UDHI is set but the user data is empty");
      }
      int udhl = ud[0] & 0xFF;
      headerOctets = udhl + 1;
      if (headerOctets > ud.length) {
        throw new PduException("TP-UDHL " + udhl + " runs past the user data (" + ud.length + " octets)");
      }
      int i = 1;
      while (i < headerOctets) {
        if (i + 1 >= headerOctets) {
          throw new PduException("information element at header octet " + i + " has no length");
        }
        int iei = ud[i] & 0xFF;
        int length = ud[i + 1] & 0xFF;
        if (i + 2 + length > headerOctets) {
          throw new PduException("information element " + String.format("%02X", iei) + " of " + length
              + " octets runs past the header (" + udhl + " octets)");
        }
        elements.add(new InformationElement(iei, Arrays.copyOfRange(ud, i + 2, i + 2 + length)));
        i += 2 + length;
      }
      header = UserDataHeader.parse(Arrays.copyOfRange(ud, 1, headerOctets));
    }
    byte[] payload = Arrays.copyOfRange(ud, headerOctets, ud.length);
    if (septets) {
      int fill = udhi ? Gsm7.fillBits(headerOctets) : 0;
      int textSeptets = udl - (headerOctets * 8 + fill) / 7;
      if (textSeptets < 0) {
        throw new PduException("TP-UDL " + udl + " septets is shorter than the header (" + headerOctets + " octets)");
      }
      return new UserData(List.copyOf(elements), header, SmsAlphabet.GSM7, Gsm7.unpack(payload, textSeptets, fill), fill);
    }
    SmsAlphabet alphabet = dcs.alphabet() == DataCoding.Alphabet.UCS2 && !dcs.compressed()
        ? SmsAlphabet.UCS2 : SmsAlphabet.BINARY;
    return new UserData(List.copyOf(elements), header, alphabet, payload, 0);
  }

  private static String text(UserData ud) throws PduException {
    try {
      return ud.alphabet().decode(ud.userData(), ud.header().lockingShift(), ud.header().singleShift());
    } catch (CharacterCodingException e) {
      throw new PduException("the user data is not valid " + ud.alphabet() + " (" + ud.userData().length + " octets)");
    }
  }
}
