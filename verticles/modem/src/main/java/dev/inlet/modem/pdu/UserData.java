package dev.inlet.modem.pdu;

import java.util.List;

/**
 * The user data of a TPDU, split per 23.040 9.2.3.24: the header's information elements (unknown ones kept
 * but not interpreted) and the short message itself.
 *
 * @param elements      the header's information elements, in order (empty without a header)
 * @param concatenation the concatenation element, null when the message is not a part
 * @param lockingShift  national language locking shift table (23.038 A.2), 0 for the default alphabet
 * @param singleShift   national language single shift table (23.038 A.3), 0 for the default extension table
 * @param payload       the short message without the header: packed septets for GSM 7-bit (starting at
 *                      {@code fillBits}), octets otherwise
 * @param fillBits      7-bit only: fill bits between the header and the first septet
 * @param septets       7-bit only: how many septets of text follow the header; otherwise the octet count
 */
public record UserData(List<InformationElement> elements, Concatenation concatenation, int lockingShift,
                       int singleShift, byte[] payload, int fillBits, int septets) {
}
