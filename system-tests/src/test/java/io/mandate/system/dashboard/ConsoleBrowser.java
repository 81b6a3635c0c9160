package io.mandate.system.dashboard;

import io.mandate.infra.launcher.StackSettings;
import io.mandate.system.SharedMandate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person at the console in headless Chromium: signs in through the form, follows links, waits for
 * what scripts draw, and saves screenshots (to {@code target/screenshots}, and to the committed
 * {@code docs/screenshots} when run with {@code -Dmandate.update-screenshots=true}).
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final HeadlessChromium chromium;
    private final String baseUrl;

    ConsoleBrowser() {
        this.chromium = HeadlessChromium.start();
        this.baseUrl = SharedMandate.url(StackSettings.DASHBOARD);
    }

    ChromeDriver driver() {
        return chromium.driver();
    }

    Path downloads() {
        return chromium.downloads();
    }

    ConsoleBrowser signIn(String user) {
        open("/login");
        driver().findElement(By.id("username")).sendKeys(user);
        driver().findElement(By.id("password")).sendKeys("mandate-" + user);
        driver().findElement(By.cssSelector("#login-form button[type=submit]")).click();
        waitFor(By.id("current-role"));
        return this;
    }

    void open(String path) {
        driver().get(baseUrl + path);
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver(), WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    WebElement waitVisible(By locator) {
        return new WebDriverWait(driver(), WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void waitUntil(java.util.function.Function<ChromeDriver, Boolean> condition) {
        new WebDriverWait(driver(), WAIT).until(d -> condition.apply((ChromeDriver) d));
    }

    /** Reloads the page until the element shows up: the query side indexes within a second or two. */
    WebElement reloadUntilPresent(By locator) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<WebElement> found = driver().findElements(locator);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            assertThat(System.nanoTime()).as("waited for %s on %s", locator, driver().getCurrentUrl()).isLessThan(deadline);
            sleep(500);
            driver().navigate().refresh();
        }
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver()).executeScript(javascript, arguments);
    }

    Object asyncScript(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver()).executeAsyncScript(javascript, arguments);
    }

    void screenshot(String name) {
        Path root = Path.of(System.getProperty("user.dir"));
        Path repository = Files.exists(root.resolve("docs")) ? root : root.getParent();
        chromium.screenshot(root.resolve("target/screenshots").resolve(name + ".png"));
        if (Boolean.getBoolean("mandate.update-screenshots")) {
            chromium.screenshot(repository.resolve("docs/screenshots").resolve(name + ".png"));
        }
    }

    void wide() {
        chromium.resize(HeadlessChromium.WIDE);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        chromium.close();
    }
}
