package io.mandate.system.dashboard;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver: fully offline
 * (Selenium Manager is never asked to download anything), a fresh profile per browser, downloads
 * into a folder of the test's choosing. Where no Chromium is installed the test is skipped with
 * a message saying how to install it ({@code .ci/run} installs it).
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BROWSER = Path.of(System.getenv().getOrDefault("MANDATE_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("MANDATE_CHROMEDRIVER", "/usr/bin/chromedriver"));

    /** A laptop screen; {@link #resize} switches to a wide one for screenshots. */
    static final Dimension LAPTOP = new Dimension(1366, 900);
    static final Dimension WIDE = new Dimension(1920, 1080);

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;

    private HeadlessChromium(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** Skips the calling test (JUnit assumption) when Chromium or chromedriver is missing. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "Skipped: no headless Chromium here (" + BROWSER + ", " + DRIVER + "). Install Debian's packages: "
                        + "apt-get install -y chromium chromium-driver (.ci/run does), or point MANDATE_CHROMIUM and "
                        + "MANDATE_CHROMEDRIVER at them.");
    }

    static HeadlessChromium start() {
        assumeInstalled();
        // Selenium Manager would go online to look for a driver; the path is given, so it must not.
        System.setProperty("SE_OFFLINE", "true");
        try {
            Path profile = Files.createTempDirectory("mandate-chromium-profile");
            Path downloads = Files.createTempDirectory("mandate-chromium-downloads");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                    "--window-size=" + LAPTOP.width + "," + LAPTOP.height);
            options.setExperimentalOption("prefs", Map.of(
                    "download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false,
                    "safebrowsing.enabled", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new HeadlessChromium(driver, profile, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    Path downloads() {
        return downloads;
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** Saves a PNG of the visible page (the README's pictures come from here). */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
