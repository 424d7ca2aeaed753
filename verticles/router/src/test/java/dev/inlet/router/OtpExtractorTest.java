package dev.inlet.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("OtpExtractor")
class OtpExtractorTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @DisplayName("finds the code a person would read in a real OTP message")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      Your code is 837261|837261
      G-482913 is your Google verification code.|482913
      Your WhatsApp code: 123-456|123456
      1234 is your PIN. Don't share it.|1234
      Order 55512345 shipped. Your login code is 7788|7788
      Use 40213 to sign in. Valid 10 min.|40213
      Your Amazon OTP is 582931. Do not share it with anyone.|582931
      Your Microsoft account security code is 83920147|83920147
      Your Twitter confirmation code is 4829103.|4829103
      Telegram code: 61834. Do not give this code to anyone, even if they say they are from Telegram!|61834
      Your Uber code: 4821. Never share this code. Reply STOP to 7726 to unsubscribe.|4821
      Your verification code is 123 456. It expires at 10:30.|123456
      Your Netflix sign-in code: 0427. Expires at 9:45 PM.|0427
      Your verification code is 2019. It expires in 5 minutes.|2019
      Your Apple ID Code is: 203948. Don't share it with anyone.|203948
      Your Inlet code is 774209. @inlet.dev #774209|774209
      Your code for order #8812345 is 5521|5521
      Chase: your one-time code is 90417. Call 1-800-935-9935 if you didn't request it.|90417
      Your PayPal code is 624987. Call +1 212 555 0100 if this wasn't you.|624987
      Code sent to +1 212 555 0100: 882910|882910
      Your login code is 4417. If you did not request it, call 0800 123 4567.|4417
      Bank of X: code 738291 to confirm the transfer of $1,250.00 to J. Smith on Nov 29.|738291
      Code 4821 to approve $12.50 at Starbucks|4821
      Authorize 1,234.00 EUR at Booking.com with code 662019|662019
      Your OTP for the payment of ₹4999 at Flipkart is 482913. Valid for 10 minutes.|482913
      Your code is 529103. Valid until 2026-11-29 10:30:15 UTC.|529103
      Code valid until Nov 29, 2026: 4821|4821
      Tap https://inlet.dev/verify?code=993311 or enter 4821 in the app|4821
      Verify your number at https://inlet.dev/v/99887766 or enter code 318204|318204
      Your code: AB12CD|AB12CD
      K7P9QX is your code for Inlet|K7P9QX
      Your Steam Guard code: F7K2T|F7K2T
      Your Binance verification code: X4T9. Valid 10 min.|X4T9
      Tu código de verificación es 482917. No lo compartas con nadie.|482917
      Código de verificación 99 1234|1234
      Tu código de WhatsApp: 391-827. No compartas este código.|391827
      BBVA: clave de operación 7734 para el pago de 1.234,00 EUR a Amazon.|7734
      Código de acceso: 7HJ2KQ. Válido 15 min.|7HJ2KQ
      Seu código de verificação é 573920. Não compartilhe.|573920
      Nubank: use o código 8841 para confirmar a compra de R$ 1.500,00.|8841
      Sua senha de acesso: 4A7B9C|4A7B9C
      Votre code de vérification est 615243. Il expire à 9h30.|615243
      Votre code de confirmation : 2948. Appelez le 01 23 45 67 89 en cas de doute.|2948
      Ne partagez pas ce code. Votre code de connexion : 830 912|830912
      Votre code : A1B2C3 (valable 10 minutes)|A1B2C3
      Ihr Bestätigungscode lautet 472913. Gültig bis 29.11.2026.|472913
      Ihre mTAN für die Überweisung von 1.250,00 EUR lautet 583920.|583920
      Dein Sicherheitscode: 3958. Teile ihn mit niemandem.|3958
      Il tuo codice di verifica è 802731. Non condividerlo.|802731
      Codice OTP 5521 per il pagamento di 49,90 € su Amazon.it|5521
      Ваш код подтверждения: 5521|5521
      Код для входа в Сбербанк Онлайн: 73920. Никому не сообщайте его.|73920
      Покупка 1500 руб. в магазине. Код подтверждения: 482019|482019
      Оплата 500 RUB. Код: 9921|9921
      Пароль: 8830. Списание 500 RUB с карты *4821|8830
      Doğrulama kodunuz: 736291. Bu kodu kimseyle paylaşmayın.|736291
      Garanti BBVA: 250,00 TL tutarındaki işleminiz için şifreniz 9017|9017
      İşlem kodu 4821, tutar 1500 TL.|4821
      Twój kod weryfikacyjny to 592013. Nie udostępniaj go nikomu.|592013
      Kod BLIK 648201 do płatności 129,99 zł|648201
      mBank: hasło 12345678 do operacji nr 4 z dnia 29.11.2026|12345678
      Kod ważny do 29.11.2026: 7741|7741
      【淘宝】您的验证码是482913，5分钟内有效，请勿泄露。|482913
      您的登录验证码为：7391，请于10:30前完成验证。|7391
      【招商银行】您本次交易金额¥3,000.00，验证码628193，请勿告诉他人。|628193
      認証コード：503928 このコードは10分間有効です。|503928
      【LINE】確認コード 4821 を入力してください。|4821
      2026年11月29日のご予約：確認コードは 7732 です。|7732
      رمز التحقق الخاص بك هو 482910|482910
      رمزك لمرة واحدة: 7392. لا تشاركه مع أحد.|7392
      आपका OTP 592817 है। इसे किसी के साथ साझा न करें।|592817
      ₹499 के भुगतान के लिए आपका सत्यापन कोड 8392 है|8392
      Kode OTP Anda: 739201. JANGAN berikan kode ini kepada siapa pun.|739201
      Kode verifikasi Gojek Anda 4821 untuk pembayaran Rp 150.000.|4821
      [Web발신] 인증번호 [583920]를 입력해주세요.|583920
      Mã xác thực của bạn là 482013. Không chia sẻ mã này.|482013
      Je verificatiecode is 281937|281937
      Din engångskod är 4829|4829
      """)
  void findsTheCode(String text, String code) {
    assertThat(OtpExtractor.extract(text)).contains(code);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("finds no code in a message that has none")
  @NullAndEmptySource
  @ValueSource(strings = {
      "Hello there",
      "Call me at +12125550100",
      "Call +44 20 7946 0958 for support",
      "Call us on 0800 123 4567, Mon-Fri 9:00-17:30",
      "Ligue para (11) 91234-5678",
      "Встреча 29.11.2026 в 10:30, тел. +7 (495) 123-45-67",
      "Emergency? Call 911 or 112",
      "Total 12.50 EUR",
      "Your card was charged $1,234.00 at AMAZON MKTPLACE",
      "Pagamento de R$ 1.500,00 aprovado. Obrigado!",
      "Списано 1500 руб. Баланс: 23 450,75 руб.",
      "Счёт на 4500 ₽ оплачен",
      "Your balance is 2500 TL",
      "¥3,000のお支払いが完了しました",
      "₹4999 debited from A/c XX1234 on 29-Nov-26",
      "See you in 2026",
      "Happy New Year 2027!",
      "Meet at 10:30",
      "Your appointment is on 2026-11-29 at 10:30:15",
      "Rendez-vous le 29/11/2026 à 9h30",
      "Termin am 29.11.2026 um 14:00 Uhr",
      "Reunión el 29 de noviembre de 2026 a las 10:30",
      "Flight TK1987 departs at 14:35 from gate B12",
      "Your parcel 1Z999AA10123456784 is out for delivery",
      "Order #4412345 has shipped. Track it at https://inlet.dev/t/99887766",
      "Tu pedido 123456 ha sido enviado",
      "Ihre Bestellung Nr. 88123 wurde versandt.",
  })
  void findsNoCode(String text) {
    assertThat(OtpExtractor.extract(text)).isEmpty();
  }

  @Test
  @DisplayName("never throws and returns only a 4 to 8 character code taken from the text, on random input")
  void randomInput() {
    Random random = new Random(20261129L);
    String chars = "0123456789 0123456789 ABCGKXZabcxyz-+.,:/#$€₹¥()*@=?年码号кодİş\n";
    List<String> words = List.of("code ", "OTP ", "G-", "Kod: ", "验证码", "Order #", "+1 ", "https://a.io/",
        "10:30", "12.50 EUR", "123-456", "AB12CD", "2026-11-29", "ending in ");
    for (int n = 0; n < 10_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(80);
      for (int i = 0; i < length; i++) {
        text.append(random.nextInt(8) == 0
            ? words.get(random.nextInt(words.size()))
            : chars.charAt(random.nextInt(chars.length())));
      }
      String input = text.toString();
      OtpExtractor.extract(input).ifPresent(c -> {
        assertThat(c).as("code in %s", input).matches("[A-Z0-9]{4,8}");
        assertThat(input.replace("-", "").replace(" ", "")).as("code in %s", input).contains(c);
      });
    }
  }

  @Test
  @DisplayName("stays fast on long pathological input")
  void longInput() {
    List<String> inputs = List.of("1-".repeat(20_000), "1 ".repeat(20_000), "1.".repeat(20_000),
        "1".repeat(40_000), "a.".repeat(20_000), "a".repeat(40_000) + "/", "A1".repeat(20_000),
        "order ".repeat(7_000), "code 1".repeat(7_000), "$1,".repeat(14_000), "(1) ".repeat(10_000));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> inputs.forEach(OtpExtractor::extract));
  }
  @Test
  @DisplayName("the code scanners find exactly what their patterns find, at every place of random text")
  void scannersMatchTheirPatterns() {
    Random random = new Random(20261130L);
    String chars = "0123456789 0123456789 ABCGKXZabcxyzéÉßЖж-+_.,:/#@&=?*$€()年码\n\u00b2\u2163\u0663";
    List<String> words = List.of("G-", "AB-", "ABCD-", "123-456", "123 456", "12345678", "123456789", "K7P9QX",
        "\ud835\udfd8", "\ud835\udc00", "1.5", "10:30", "2026-11-29");
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        text.append(random.nextInt(5) == 0
            ? words.get(random.nextInt(words.size()))
            : chars.charAt(random.nextInt(chars.length())));
      }
      String s = text.toString();
      for (int at = 0; at < s.length(); at++) {
        sameAsPattern(OtpExtractor.DIGIT_CODE, OtpExtractor::digitCode, s, at, 1);
        sameAsPattern(OtpExtractor.ALNUM_CODE, OtpExtractor::alnumCode, s, at, 0);
      }
    }
  }

  private static void sameAsPattern(Pattern pattern, OtpExtractor.CodeMatcher scanner, String s, int at, int group) {
    Matcher m = pattern.matcher(s).useTransparentBounds(true).useAnchoringBounds(false).region(at, s.length());
    OtpExtractor.Tokens t = new OtpExtractor.Tokens(s);
    boolean expected = m.lookingAt();
    assertThat(scanner.matchAt(s, at, t)).as("%s at %d of \"%s\"", pattern, at, s).isEqualTo(expected);
    if (expected) {
      assertThat(new int[] {t.groupStart, t.end}).as("%s at %d of \"%s\"", pattern, at, s)
          .containsExactly(m.start(group), m.end());
    }
  }
}
