package dev.inlet.shared.sms;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UserDataHeaderTest {

  @Test
  @DisplayName("An unknown element before the 16-bit concatenation element is skipped by its length")
  void skipsUnknownElements() {
    UserDataHeader h = UserDataHeader.parse(new byte[] {0x70, 0x02, 0x01, 0x02, 0x08, 0x04, 0x12, 0x34, 0x03, 0x02});
    assertThat(h.concat()).contains(new UserDataHeader.Concatenation(0x1234, 16, 3, 2));
  }

  @Test
  @DisplayName("National language shift elements name the tables: 0x24 single shift, 0x25 locking shift")
  void nationalShifts() {
    UserDataHeader h = UserDataHeader.parse(new byte[] {0x00, 0x03, 0x05, 0x02, 0x01, 0x24, 0x01, 0x02, 0x25, 0x01, 0x01});
    assertThat(h.concat()).contains(new UserDataHeader.Concatenation(5, 8, 2, 1));
    assertThat(h.singleShift()).isEqualTo(2);
    assertThat(h.lockingShift()).isEqualTo(1);
  }

  @Test
  @DisplayName("Part 0, or a part beyond the total, is not a concatenation")
  void invalidNumbers() {
    assertThat(UserDataHeader.parse(new byte[] {0x00, 0x03, 0x05, 0x02, 0x00}).concat()).isEmpty();
    assertThat(UserDataHeader.parse(new byte[] {0x00, 0x03, 0x05, 0x02, 0x03}).concat()).isEmpty();
  }

  @Property
  @Label("Any header bytes parse without failing, and a concatenation found is always valid")
  void anyHeader(@ForAll @Size(max = 40) byte[] header) {
    UserDataHeader h = UserDataHeader.parse(header);
    h.concat().ifPresent(c -> assertThat(c.number()).isBetween(1, c.total()));
  }
}
