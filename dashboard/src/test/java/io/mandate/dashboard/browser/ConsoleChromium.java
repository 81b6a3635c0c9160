package io.mandate.dashboard.browser;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's own pages in Debian's headless Chromium (Selenium, offline: the driver path is
 * given, so Selenium Manager never goes online), against the dashboard started by the test with its
 * query-service faked. Where Chromium is not installed the test is skipped, saying how to install it.
 */
final class ConsoleChromium implements AutoCloseable {

    static final Path BROWSER = Path.of(System.getenv().getOrDefault("MANDATE_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("MANDATE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private ConsoleChromium(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    static ConsoleChromium start(int dashboardPort) {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "Skipped: no headless Chromium here (" + BROWSER + ", " + DRIVER + "). Install Debian's packages: "
                        + "apt-get install -y chromium chromium-driver (.ci/run does), or point MANDATE_CHROMIUM and "
                        + "MANDATE_CHROMEDRIVER at them.");
        System.setProperty("SE_OFFLINE", "true");
        try {
            Path profile = Files.createTempDirectory("mandate-dashboard-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                    "--window-size=1366,768");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(WAIT);
            driver.manage().timeouts().scriptTimeout(WAIT);
            return new ConsoleChromium(driver, profile, "http://127.0.0.1:" + dashboardPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    ConsoleChromium signIn(String role) {
        open("/login");
        driver.findElement(By.id("username")).sendKeys(role);
        driver.findElement(By.id("password")).sendKeys("mandate-" + role);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.id("current-role"));
        return this;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    /**
     * Makes the page's viewport exactly {@code width × height} CSS pixels (a headless window's outer
     * size may differ from its viewport, so the difference is measured and added once).
     */
    void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long innerWidth = number("return window.innerWidth");
        long innerHeight = number("return window.innerHeight");
        if (innerWidth != width || innerHeight != height) {
            driver.manage().window().setSize(new Dimension(width + (int) (width - innerWidth),
                    height + (int) (height - innerHeight)));
        }
    }

    long number(String script, Object... args) {
        return ((Number) ((JavascriptExecutor) driver).executeScript(script, args)).longValue();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Presses Tab from the top of the page up to {@code presses} times and returns the id (or tag name)
     * of every element that took the focus, in order: what a keyboard user can reach.
     */
    List<String> tabThrough(int presses) {
        script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        List<String> focused = new ArrayList<>();
        for (int i = 0; i < presses; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            focused.add((String) script("var e = document.activeElement; return e ? (e.id || e.tagName.toLowerCase()) : '';"));
        }
        return focused;
    }

    /** Saves a PNG of the viewport into the committed docs/screenshots (only when asked to update them). */
    void screenshotIfUpdating(String name) {
        if (!Boolean.getBoolean("mandate.update-screenshots")) {
            return;
        }
        try {
            Path file = Path.of("..", "docs", "screenshots", name + ".png").toAbsolutePath().normalize();
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
