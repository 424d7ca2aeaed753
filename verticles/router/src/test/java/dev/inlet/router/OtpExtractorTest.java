package dev.inlet.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;

class OtpExtractorTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("the one-time code is found in the usual wordings")
  @CsvSource(delimiter = '|', value = {
      "Your code is 837261|837261",
      "G-482913 is your Google verification code.|482913",
      "Your WhatsApp code: 123-456|123456",
      "1234 is your PIN. Don't share it.|1234",
      "Ваш код подтверждения: 5521|5521",
      "Código de verificación 99 1234|1234",
      "Order 55512345 shipped. Your login code is 7788|7788",
      "Use 40213 to sign in. Valid 10 min.|40213",
  })
  void finds(String text, String code) {
    assertThat(OtpExtractor.extract(text)).contains(code);
  }

  @ParameterizedTest
  @DisplayName("texts without a code give none")
  @ValueSource(strings = {"Hello there", "Call me at +12125550100", "Total 12.50 EUR", "See you in 2026", "", "Meet at 10:30"})
  void noCode(String text) {
    assertThat(OtpExtractor.extract(text)).isEmpty();
  }
}
