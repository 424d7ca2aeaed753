package dev.inlet.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.message.LabSms;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LabSmsValidationTest {

  @Test
  @DisplayName("a message to an E.164 number from a sender, with text, is valid")
  void valid() {
    assertThat(LabSmsValidation.problem(new LabSms("+12125550100", "Google", ""))).isEmpty();
  }

  @Test
  @DisplayName("a destination that is not E.164 is named in the problem")
  void destinationNotE164() {
    assertThat(LabSmsValidation.problem(new LabSms("12125550100", "Google", "hi")))
        .hasValueSatisfying(p -> assertThat(p).contains("to must be an E.164 number").contains("'12125550100'"));
  }

  @Test
  @DisplayName("an empty sender is refused")
  void emptySender() {
    assertThat(LabSmsValidation.problem(new LabSms("+12125550100", " ", "hi")))
        .hasValueSatisfying(p -> assertThat(p).startsWith("from is required"));
  }

  @Test
  @DisplayName("a sender longer than 20 characters is refused")
  void longSender() {
    assertThat(LabSmsValidation.problem(new LabSms("+12125550100", "A".repeat(21), "hi")))
        .hasValueSatisfying(p -> assertThat(p).contains("at most 20 characters, got 21"));
  }

  @Test
  @DisplayName("a null text is refused")
  void nullText() {
    assertThat(LabSmsValidation.problem(new LabSms("+12125550100", "Google", null)))
        .hasValueSatisfying(p -> assertThat(p).startsWith("text is required"));
  }
}
