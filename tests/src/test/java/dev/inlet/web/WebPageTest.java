package dev.inlet.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.node.InletNode;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.system.Nodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page end to end in headless Chromium (Debian's chromium and chromedriver) on a phone-sized window,
 * against a real lab node: the SMS goes from the page's lab form through the simulator, over SMPP, into the store
 * and back to the page over the SockJS bridge. Skipped, saying why, when Chromium is not installed.
 */
class WebPageTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String ADMIN_KEY = "web-test-admin-key";
  static final int PHONE_WIDTH = 390;
  /** Where the screenshot goes; the README shows a copy of it (docs/web-page.png). */
  static final Path SCREENSHOT = Path.of("target", "screenshots", "web-page.png");

  private static InletNode node;
  private static WebDriver browser;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium is not installed (apt-get install chromium chromium-driver; .ci/run does): web page tests skipped");
    port = Nodes.freePort();
    JsonObject conf = Nodes.lab(port);
    conf.getJsonObject("http").put("adminKeys", new JsonArray().add(ADMIN_KEY));
    node = Nodes.start(conf).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
    // a phone: 390 x 844 CSS pixels (an iPhone 13's viewport)
    options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
        Map.of("width", PHONE_WIDTH, "height", 844, "pixelRatio", 1.0)));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private static String status() {
    return browser.findElement(By.id("status")).getText();
  }

  @Test
  @DisplayName("rent with the keyboard, watch a lab SMS arrive live, copy its code, extend, release, on a phone-sized screen")
  void rentAndReceive() throws Exception {
    browser.get("http://127.0.0.1:" + port + "/");
    // every form control has a label
    assertThat((Long) js("return Array.from(document.querySelectorAll('input, select'))"
        + ".filter(e => e.type !== 'hidden' && e.labels.length === 0).length")).isZero();

    WebElement key = browser.findElement(By.id("api-key"));
    key.sendKeys(Nodes.API_KEY, Keys.ENTER);
    waitUpTo(10).until(d -> new Select(d.findElement(By.id("country"))).getOptions().size() >= 2);
    new Select(browser.findElement(By.id("country"))).selectByValue("GB");
    WebElement service = browser.findElement(By.id("service"));
    service.sendKeys("google");
    // the Rent button is reached with the keyboard and pressed with Enter
    service.sendKeys(Keys.TAB);
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("rent");
    browser.switchTo().activeElement().sendKeys(Keys.ENTER);

    WebElement number = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("number")));
    waitUpTo(10).until(d -> d.findElement(By.id("number")).getText().startsWith("+44"));
    String rented = number.getText();
    waitUpTo(10).until(d -> d.findElement(By.id("live")).getText().equals("live"));
    String countdown = browser.findElement(By.id("countdown")).getText();
    assertThat(countdown).matches("(09|10):[0-5][0-9]");

    WebElement text = browser.findElement(By.id("lab-text"));
    text.clear();
    text.sendKeys("Your code is 482913");
    browser.findElement(By.id("lab-send")).click();
    WebElement copy = waitUpTo(10).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#messages .copy-code")));
    assertThat(browser.findElement(By.cssSelector("#messages .code")).getText()).isEqualTo("482913");
    assertThat(browser.findElement(By.cssSelector("#messages .text")).getText()).isEqualTo("Your code is 482913");
    copy.click();
    waitUpTo(5).until(d -> status().equals("Copied code 482913."));

    // a phone-sized screen: nothing wider than the window
    assertThat((Long) js("return document.documentElement.clientWidth")).isEqualTo((long) PHONE_WIDTH);
    assertThat((Long) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
        .isLessThanOrEqualTo(0L);
    screenshot();

    Instant before = Instant.now();
    browser.findElement(By.id("extend")).click();
    waitUpTo(5).until(d -> status().startsWith("Extended"));
    String extended = browser.findElement(By.id("countdown")).getText();
    assertThat(extended).matches("1[45]:[0-5][0-9]");
    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofMinutes(1));

    browser.findElement(By.id("release")).click();
    waitUpTo(5).until(d -> status().startsWith("Session ended (released)"));
    assertThat(browser.findElement(By.id("extend")).isEnabled()).isFalse();
    assertThat(rented).matches("\\+447700900\\d{3}");
  }

  /** Saves the page as it is and checks that it is not blank: many colours, much of it not background. */
  private static void screenshot() throws Exception {
    byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, png);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isGreaterThan(300);
    int background = image.getRGB(0, 0);
    Set<Integer> colours = new HashSet<>();
    long different = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y);
        colours.add(rgb);
        if (rgb != background) {
          different++;
        }
      }
    }
    long sampled = (long) ((image.getWidth() + 1) / 2) * ((image.getHeight() + 1) / 2);
    assertThat(colours.size()).as("colours in the screenshot").isGreaterThan(50);
    assertThat(different * 100 / sampled).as("percent of pixels not background").isGreaterThan(20);
  }

  @Test
  @DisplayName("the admin page shows each bind's status live, as the bind publishes it")
  void adminPage() {
    browser.get("http://127.0.0.1:" + port + "/admin.html");
    browser.findElement(By.id("admin-key")).sendKeys(ADMIN_KEY, Keys.ENTER);
    waitUpTo(10).until(d -> d.findElement(By.id("status")).getText().startsWith("Connected"));
    // the bind's own publication (its state as the SMPP verticle would publish it), repeated until heard
    JsonObject status = new JsonObject().put("id", "web-test-bind").put("state", "BOUND").put("node", "n1")
        .put("updatedAt", Instant.now().toString()).put("delivered", 7);
    WebDriverWait wait = waitUpTo(10);
    wait.until(d -> {
      node.vertx().eventBus().publish(Addresses.STATUS_BINDS, status);
      return d.findElement(By.id("binds")).getText().contains("web-test-bind");
    });
    // the node's own lab bind may have a row too (sorted before this one), and the table is drawn anew whenever a
    // status arrives: read the texts of this bind's row in one go
    List<String> cells = waitUpTo(10).ignoring(StaleElementReferenceException.class).until(d ->
        d.findElements(By.cssSelector("#binds tr")).stream()
            .map(r -> r.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
            .filter(texts -> !texts.isEmpty() && texts.get(0).equals("web-test-bind"))
            .findFirst().orElse(null));
    assertThat(cells.get(1)).isEqualTo("BOUND");
    assertThat(cells.get(3)).contains("delivered: 7");
  }
}
