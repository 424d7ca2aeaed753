package dev.inlet.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {

  @Test
  @DisplayName("an E.164 number is a plus and 2 to 15 digits, the first not zero")
  void e164Form() {
    assertThat(PhoneNumber.isE164("+12125550100")).isTrue();
    assertThat(PhoneNumber.isE164("12125550100")).isFalse();
    assertThat(PhoneNumber.isE164("+0212555")).isFalse();
    assertThat(PhoneNumber.isE164("+1234567890123456")).isFalse();
    assertThat(PhoneNumber.isE164(null)).isFalse();
  }

  @Test
  @DisplayName("international numbers are read with or without plus, with 00 and with separators")
  void readsInternationalForms() {
    assertThat(PhoneNumber.parseInternational("12125550100")).contains("+12125550100");
    assertThat(PhoneNumber.parseInternational("+1 (212) 555-0100")).contains("+12125550100");
    assertThat(PhoneNumber.parseInternational("00447700900000")).contains("+447700900000");
    assertThat(PhoneNumber.parseInternational("Google")).isEmpty();
    assertThat(PhoneNumber.parseInternational("")).isEmpty();
  }

  @Test
  @DisplayName("requiring an E.164 number rejects anything else with the value in the message")
  void requireRejects() {
    assertThatThrownBy(() -> PhoneNumber.requireE164("555")).hasMessageContaining("555");
  }
}
