package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AggregatorAccountsTest {

  private final AggregatorAccounts accounts = new AggregatorAccounts(List.of(
      new AggregatorServerSettings.Account("agg-eu", "pw-123", 2),
      new AggregatorServerSettings.Account("agg-us", "x", 1)));

  @Test
  @DisplayName("an unknown system_id is refused with ESME_RINVSYSID, a wrong password with ESME_RINVPASWD")
  void credentials() {
    assertThat(accounts.admit(1, "stranger", "pw-123")).hasValue(0x0F);
    assertThat(accounts.admit(2, "agg-eu", "pw-124")).hasValue(0x0E);
    assertThat(accounts.admit(3, "agg-eu", null)).hasValue(0x0E);
    assertThat(accounts.boundCount("agg-eu")).isZero();
  }

  @Test
  @DisplayName("an account holds at most maxBinds binds; the next is refused with ESME_RALYBND")
  void limit() {
    assertThat(accounts.admit(1, "agg-eu", "pw-123")).isEmpty();
    assertThat(accounts.admit(2, "agg-eu", "pw-123")).isEmpty();
    assertThat(accounts.admit(3, "agg-eu", "pw-123")).hasValue(0x05);
    assertThat(accounts.admit(4, "agg-us", "x")).as("another account's limit").isEmpty();
  }

  @Test
  @DisplayName("a place is free again once its session ends, and releasing twice frees it once")
  void release() {
    accounts.admit(1, "agg-us", "x");
    accounts.release(1);
    accounts.release(1);

    assertThat(accounts.boundCount("agg-us")).isZero();
    assertThat(accounts.admit(2, "agg-us", "x")).isEqualTo(OptionalInt.empty());
    assertThat(accounts.admit(3, "agg-us", "x")).hasValue(0x05);
  }
}
