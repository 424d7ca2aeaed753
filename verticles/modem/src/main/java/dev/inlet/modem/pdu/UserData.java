package dev.inlet.modem.pdu;

import dev.inlet.shared.sms.SmsAlphabet;
import dev.inlet.shared.sms.UserDataHeader;
import java.util.List;

/**
 * The user data of a TPDU, split per 23.040 9.2.3.24: the header's information elements (unknown ones kept, not
 * interpreted) and the short message itself.
 *
 * @param elements  the header's information elements, in order (empty without a header)
 * @param header    what Inlet reads in the header: concatenation, national language shift tables
 * @param alphabet  the alphabet of the short message ({@code BINARY} for 8-bit data and compressed text)
 * @param userData  the short message without the header: unpacked septets for GSM 7-bit (one per octet), the
 *                  octets otherwise; what a {@code Segment} of a concatenated message carries
 * @param fillBits  7-bit only: fill bits between the header and the first septet (0-6)
 */
public record UserData(List<InformationElement> elements, UserDataHeader header, SmsAlphabet alphabet,
                       byte[] userData, int fillBits) {
}
