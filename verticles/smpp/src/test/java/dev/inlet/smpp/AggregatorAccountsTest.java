package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AggregatorAccountsTest {

  private final AggregatorAccounts accounts = new AggregatorAccounts(List.of(
      new AggregatorServerSettings.Account("agg-eu", "pw-123", 2)));

  @Test
  @DisplayName("an unknown system_id is refused with ESME_RINVSYSID")
  void unknownSystemId() {
    assertThat(accounts.check("stranger", "pw-123")).hasValue(0x0F);
  }

  @Test
  @DisplayName("a wrong or missing password is refused with ESME_RINVPASWD")
  void wrongPassword() {
    assertThat(accounts.check("agg-eu", "pw-124")).hasValue(0x0E);
    assertThat(accounts.check("agg-eu", "")).hasValue(0x0E);
    assertThat(accounts.check("agg-eu", null)).hasValue(0x0E);
  }

  @Test
  @DisplayName("the right credentials pass, and the account tells its maxBinds")
  void rightCredentials() {
    assertThat(accounts.check("agg-eu", "pw-123")).isEmpty();
    assertThat(accounts.account("agg-eu")).hasValueSatisfying(a -> assertThat(a.maxBinds()).isEqualTo(2));
  }
}
