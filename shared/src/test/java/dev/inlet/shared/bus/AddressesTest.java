package dev.inlet.shared.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AddressesTest {

  @Test
  @DisplayName("per-number addresses carry the number in E.164 form")
  void carryTheNumber() {
    assertThat(Addresses.numberInbound("+12125551234")).isEqualTo("inlet.number.+12125551234.inbound");
    assertThat(Addresses.numberSms("+12125551234")).isEqualTo("inlet.number.+12125551234.sms");
    assertThat(Addresses.numberRental("+12125551234")).isEqualTo("inlet.number.+12125551234.rental");
  }

  @Test
  @DisplayName("a per-number address refuses a number that is not E.164")
  void refusesOtherForms() {
    assertThatThrownBy(() -> Addresses.numberSms("12125551234")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12125551234");
  }
}
