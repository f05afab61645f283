package org.mloop.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.auth.Role;
import org.mloop.core.jobs.JobStatus;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio in a real browser: Debian's chromium, driven headless through its chromedriver (never
 * downloaded: the driver and browser are the packages'). Each page is opened, its visible content
 * checked, the browser console checked for errors (a Content-Security-Policy violation is one) and a
 * screenshot kept under target/screenshots.
 */
class StudioBrowserTest {
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path dir;
  private static ChromeDriverService service;
  private static ChromeDriver browser;
  private static StudioWorkspace open;

  @BeforeAll
  static void startBrowser() throws IOException {
    assertThat(CHROMEDRIVER.canExecute()).as("the studio's browser tests drive Debian's chromium through "
        + CHROMEDRIVER + ": install the packages 'chromium' and 'chromium-driver' (apt-get install chromium"
        + " chromium-driver)").isTrue();
    assertThat(new File(CHROMIUM).canExecute()).as(CHROMIUM + ", of Debian's package 'chromium'").isTrue();
    System.setProperty("SE_AVOID_STATS", "true");
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    Files.createDirectories(SCREENSHOTS);
    open = new StudioWorkspace(Files.createDirectories(dir.resolve("open")), false).fill();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (open != null) {
      open.close();
    }
  }

  @Test
  void theOverviewShowsTheLoopWithoutConsoleErrors() {
    visit(open.url() + "/");
    assertThat(browser.getTitle()).isEqualTo("Overview · mloop studio");
    String models = text(By.cssSelector("table.models"));
    assertThat(models).contains("diabetes", "production", "staging", "0.8123", "0.8345");
    assertThat(text(By.cssSelector("table.endpoints"))).contains("diabetes-prod", "blue", "90%", "green", "10%");
    assertThat(text(By.cssSelector("table.jobs"))).contains("train-1", "train-2", StudioWorkspace.HTML_DISPLAY_NAME);
    assertThat(text(By.cssSelector("table.monitors"))).contains("diabetes-drift", "ALERT");
    assertThat(browser.findElements(By.cssSelector("img"))).as("an HTML-looking name stays text").isEmpty();
    assertThat(script("return typeof htmx")).as("htmx loaded under the CSP").isEqualTo("object");
    WebElement time = browser.findElement(By.cssSelector("table.jobs time"));
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> "1".equals(time.getDomAttribute("data-local")));
    assertThat(time.getDomAttribute("title")).as("UTC on hover").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    screenshot("overview");
    assertNoConsoleErrors("overview");
  }

  @Test
  void theJobsPageLinksEveryJobToItsPageAndLog() {
    visit(open.url() + "/jobs");
    assertThat(browser.getTitle()).isEqualTo("Jobs · mloop studio");
    assertThat(text(By.id("job-list"))).contains("train-1", "Completed", "train-2", "Running");
    screenshot("jobs");
    assertNoConsoleErrors("jobs");

    browser.findElement(By.linkText("train-2")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/jobs/train-2"));
    assertThat(text(By.tagName("h1"))).isEqualTo("train-2");
    assertThat(text(By.cssSelector("pre.log"))).contains(StudioWorkspace.LOG_LINE);
    assertThat(browser.findElements(By.cssSelector("pre.log b"))).as("the log is text").isEmpty();
    screenshot("job");
    assertNoConsoleErrors("job");

    browser.navigate().back();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/jobs"));
  }

  @Test
  void aRunningJobsPageFollowsItsLogAndStatusUntilItEnds(@TempDir Path own) throws IOException {
    try (StudioWorkspace ws = new StudioWorkspace(own, false).fill()) {
      visit(ws.url() + "/jobs/train-2");
      assertThat(text(By.cssSelector("pre.log"))).contains(StudioWorkspace.LOG_LINE).doesNotContain("epoch 4");
      Files.writeString(ws.scratch.logFile("train-2"), "epoch 4: loss=0.20\n", StandardOpenOption.APPEND);
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(b -> b.findElement(By.cssSelector("pre.log")).getText().contains("epoch 4: loss=0.20"));

      ws.metadata.jobs().updateJob("train-2",
          job -> job.ended(JobStatus.Completed, System.currentTimeMillis(), 0, null, Map.of()));
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(b -> b.findElement(By.cssSelector("#job .status")).getText().equals("Completed"));
      assertThat(browser.findElement(By.id("job")).getDomAttribute("hx-trigger")).as("an ended job is not polled")
          .isNull();
      assertThat(browser.findElements(By.cssSelector("button.danger"))).as("nothing left to cancel").isEmpty();
      assertNoConsoleErrors("followed job");
    }
  }

  @Test
  void onAServerThatRequiresTokensTheUserSignsInWithAToken(@TempDir Path own) {
    try (StudioWorkspace secured = new StudioWorkspace(own, true).fill()) {
      String token = secured.token("dana", Role.DEPLOYER);
      visit(secured.url() + "/");
      assertThat(browser.getCurrentUrl()).endsWith("/signin");
      screenshot("signin");
      browser.findElement(By.id("token")).sendKeys(token);
      browser.findElement(By.cssSelector("form.signin button")).click();
      new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getTitle().startsWith("Overview"));
      assertThat(text(By.cssSelector("header .who"))).isEqualTo("dana (deployer)");
      assertThat(browser.getPageSource()).doesNotContain(token);
      assertThat(browser.manage().getCookies()).singleElement().satisfies(c -> {
        assertThat(c.isHttpOnly()).isTrue();
        assertThat(c.getSameSite()).isEqualTo("Strict");
        assertThat(c.getValue()).doesNotContain(token);
      });
      assertNoConsoleErrors("signed in");

      browser.findElement(By.cssSelector("form.signout button")).click();
      new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/signin"));
    }
  }

  @Test
  void theRunsTableIsSearchedWithAnMlflowFilter() {
    visit(open.url() + "/runs");
    assertThat(text(By.cssSelector("table.runs"))).contains("run-1", "run-2", "run-3", "<b>0.1</b>");
    WebElement filter = browser.findElement(By.id("filter"));
    filter.sendKeys("metrics.auc > 0.715");
    filter.submit();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().contains("filter="));
    assertThat(text(By.cssSelector("table.runs"))).contains("run-2", "run-3").doesNotContain("run-1");
    screenshot("runs");
    assertNoConsoleErrors("runs");
    browser.navigate().back();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/runs"));
    assertThat(text(By.cssSelector("table.runs"))).as("back to the unfiltered table").contains("run-1");
  }

  @Test
  void aRunsPageDrawsItsStepChartAndPreviewsItsImageAndTwoRunsAreComparedFromTheTable(@TempDir Path own) {
    try (StudioWorkspace ws = new StudioWorkspace(own, false).fill()) {
      String id = ws.trainedRun("trained-a", 0.1);
      ws.trainedRun("trained-b", 0.5);
      visit(ws.url() + "/runs");
      browser.findElement(By.linkText("trained-a")).click();
      new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/runs/" + id));
      assertThat(text(By.tagName("h1"))).isEqualTo("trained-a");
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(b -> !b.findElements(By.cssSelector("div.chart canvas")).isEmpty());
      assertThat(script("return typeof echarts")).as("ECharts loaded under the CSP").isEqualTo("object");
      assertThat(script("return echarts.getInstanceByDom(document.querySelector('div.chart')).getOption()"
          + ".series[0].data.length")).as("the five steps of loss drawn").isEqualTo(5L);
      WebElement roc = browser.findElement(By.cssSelector("figure.artifact-image img"));
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(b -> Long.valueOf(40).equals(script("return arguments[0].naturalWidth", roc)));
      assertThat(text(By.cssSelector("table.tags"))).contains("mloop.job.name").doesNotContain(StudioWorkspace.SECRET);
      screenshot("run");
      assertNoConsoleErrors("run");

      browser.navigate().back();
      new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/runs"));
      browser.findElement(By.cssSelector("input[aria-label='compare trained-a']")).click();
      browser.findElement(By.cssSelector("input[aria-label='compare trained-b']")).click();
      browser.findElement(By.xpath("//button[text()='Compare']")).click();
      new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().contains("/runs/compare?ids="));
      assertThat(text(By.tagName("h1"))).isEqualTo("Compare 2 runs");
      assertThat(text(By.cssSelector("table.params tr.differs"))).contains("reg_rate", "0.1", "0.5");
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(b -> !b.findElements(By.cssSelector("div.chart canvas")).isEmpty());
      assertThat(script("return echarts.getInstanceByDom(document.querySelector('div.chart')).getOption()"
          + ".series.length")).as("one line per run").isEqualTo(2L);
      screenshot("compare");
      assertNoConsoleErrors("compare");
    }
  }

  @Test
  void theDataPagesShowAnAssetsVersionsAndFiles() {
    visit(open.url() + "/data");
    browser.findElement(By.linkText("diabetes-prod-rows")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/data/diabetes-prod-rows"));
    assertThat(text(By.cssSelector("table.files"))).contains("rows.csv");
    screenshot("data");
    assertNoConsoleErrors("data");
  }

  @Test
  void aModelsPageShowsItsVersionsAndAliasHistory() {
    visit(open.url() + "/models");
    screenshot("models");
    assertNoConsoleErrors("models");
    browser.findElement(By.linkText("diabetes")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/models/diabetes"));
    assertThat(text(By.cssSelector("table.versions"))).contains("production", "staging", "0.8123");
    assertThat(text(By.cssSelector("ol.timeline"))).contains("set to version 1", "first release");
    screenshot("model");
    assertNoConsoleErrors("model");
  }

  @Test
  void anEndpointsPageShowsItsDeploymentsAndRevealsItsKeysOnlyWhenAsked() {
    visit(open.url() + "/endpoints");
    screenshot("endpoints");
    assertNoConsoleErrors("endpoints");
    browser.findElement(By.linkText("diabetes-prod")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/endpoints/diabetes-prod"));
    assertThat(text(By.cssSelector("table.deployments"))).contains("blue", "diabetes:1", "90%", "green", "10%");
    String primary = open.workspace.endpoints().getKeys("diabetes-prod").primary();
    assertThat(browser.getPageSource()).doesNotContain(primary);
    screenshot("endpoint");
    browser.findElement(By.xpath("//button[text()='Reveal the keys']")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> !b.findElements(By.cssSelector("dl.keys")).isEmpty());
    assertThat(text(By.cssSelector("dl.keys"))).contains(primary);
    assertNoConsoleErrors("endpoint");
  }

  @Test
  void aTrafficChangeIsConfirmedBeforeItAppliesAndTheTestTabScoresInAnyProtocol(@TempDir Path own) {
    try (StudioWorkspace ws = new StudioWorkspace(own, false, true).fill().live()) {
      visit(ws.url() + "/endpoints/" + StudioWorkspace.LIVE);
      WebElement blue = browser.findElement(By.name("traffic.blue"));
      blue.clear();
      blue.sendKeys("30");
      WebElement green = browser.findElement(By.name("traffic.green"));
      green.clear();
      green.sendKeys("70");
      browser.findElement(By.xpath("//button[text()='Review the change']")).click();
      new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getTitle().startsWith(StudioWorkspace.LIVE + ": traffic"));
      assertThat(text(By.cssSelector("table.split"))).contains("blue", "100%", "30%", "green", "0%", "70%");
      assertThat(ws.workspace.endpoints().get(StudioWorkspace.LIVE).traffic()).as("not applied yet")
          .isEqualTo(Map.of("blue", 100));
      screenshot("traffic-confirm");
      assertNoConsoleErrors("traffic confirmation");

      browser.findElement(By.xpath("//button[text()='Apply this split']")).click();
      new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getTitle().startsWith(StudioWorkspace.LIVE + " "));
      assertThat(ws.workspace.endpoints().get(StudioWorkspace.LIVE).traffic()).isEqualTo(Map.of("blue", 30, "green", 70));
      assertThat(text(By.cssSelector("table.deployments"))).contains("30%", "70%");

      new Select(browser.findElement(By.id("test-protocol"))).selectByValue("v2");
      assertThat(browser.findElement(By.id("test-body")).getDomProperty("value")).as("the V2 example replaces the body")
          .contains("\"inputs\"");
      new Select(browser.findElement(By.id("test-deployment"))).selectByValue("green");
      browser.findElement(By.xpath("//button[text()='Send']")).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> !b.findElements(By.cssSelector("dl.answer")).isEmpty());
      assertThat(text(By.cssSelector("dl.answer"))).contains("200", "green");
      assertThat(text(By.cssSelector("pre.answer-body"))).contains("\"outputs\"");
      String key = ws.workspace.endpoints().getKeys(StudioWorkspace.LIVE).primary();
      assertThat(browser.getPageSource()).doesNotContain(key);
      screenshot("endpoint-test");
      assertNoConsoleErrors("endpoint test");
    }
  }

  @Test
  void aMonitorsPageShowsItsRunsAndAlerts() {
    visit(open.url() + "/monitors/diabetes-drift");
    assertThat(text(By.cssSelector("table.runs"))).contains("ALERT", "drift on bmi");
    assertThat(text(By.cssSelector("table.alerts"))).contains("<i>bmi</i> drifted past its threshold");
    screenshot("monitor");
    assertNoConsoleErrors("monitor");
  }

  @Test
  void theConsoleCheckSeesWhatTheBrowserReports() {
    severeConsoleEntries(); // what earlier pages left
    visit(open.url() + "/jobs/no-such-job");
    assertThat(text(By.tagName("h1"))).isEqualTo("404");
    assertThat(severeConsoleEntries()).as("a page answered 404 is an error in the console").isNotEmpty();
  }

  private static void visit(String url) {
    browser.get(url);
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(b -> "complete".equals(((JavascriptExecutor) b).executeScript("return document.readyState")));
  }

  private static String text(By by) {
    return browser.findElement(by).getText();
  }

  private static Object script(String js, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(js, args);
  }

  private static void assertNoConsoleErrors(String page) {
    assertThat(severeConsoleEntries()).as("browser console errors on the " + page + " page").isEmpty();
  }

  /** The console's errors since the last call (reading the log empties it). */
  private static List<String> severeConsoleEntries() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
  }

  private static void screenshot(String name) {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    try {
      Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
