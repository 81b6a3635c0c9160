package io.mandate.dashboard.browser;

import io.mandate.dashboard.support.FakeQueryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue asks that the console "works at laptop and wide-screen sizes; keyboard reachable". Each main
 * view, in real headless Chromium at 1366×768 and 1920×1080, signed in as a responder (who sees the revoke
 * buttons): the page never scrolls sideways, its primary controls are displayed inside the viewport, and
 * pressing Tab from the top reaches the search box and the view's revoke or export controls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaptopAndWideScreenTest {

    private static final String P = "laptop-agent";
    private static final FakeQueryService queryService = new FakeQueryService();

    /** A view: where it is, what says it is drawn, what must be visible, what Tab must reach. */
    private record View(String name, String path, By drawn, List<String> controls, List<String> tabReaches) {
    }

    private static final Map<String, View> VIEWS = Map.of(
            "home", new View("home", "/", By.id("figures"),
                    List.of("search-q", "figures", "activity-chart", "grants"), List.of("search-q")),
            "chain", new View("chain", "/tokens/" + FakeAnswers.jti(P, 0), By.cssSelector("#chain-graph[data-drawn]"),
                    List.of("search-q", "revoke-token", "chain-graph"), List.of("search-q", "revoke-token")),
            "agent", new View("agent", "/agents/" + FakeAnswers.holder(P, 0), By.id("agent-id"),
                    List.of("search-q", "agent-id", "revoke-agent"), List.of("search-q", "revoke-agent")),
            "user", new View("user", "/users/alice", By.id("user-id"),
                    List.of("search-q", "user-id", "revoke-user"), List.of("search-q", "revoke-user")),
            "export", new View("export", "/export", By.id("export-form"),
                    List.of("search-q", "export-from", "export-to", "export-submit"),
                    List.of("search-q", "export-from", "export-submit")));

    @LocalServerPort
    int port;

    private ConsoleChromium chromium;

    @DynamicPropertySource
    static void queryServiceAddress(DynamicPropertyRegistry registry) {
        registry.add("mandate.dashboard.query-service.url", queryService::url);
    }

    @BeforeAll
    void signInAsResponder() {
        queryService.answer("/api/grants", 200, FakeAnswers.grantList(P));
        queryService.answer("/api/events/search", 200, FakeAnswers.events(P));
        // A linear chain of three tokens: agent → MCP server → second agent → the calendar API.
        queryService.answer("/api/tokens/", 200, FakeAnswers.chain(P, 3, 1));
        queryService.answer("/api/clients/", 200, FakeAnswers.client(FakeAnswers.holder(P, 0), "AGENT"));
        queryService.answer("/api/agents/", 200, FakeAnswers.agentView(P));
        queryService.answer("/api/users/", 200, FakeAnswers.userLedger(P));
        chromium = ConsoleChromium.start(port).signIn("responder");
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        queryService.close();
    }

    static Stream<Arguments> viewsAtBothSizes() {
        return Stream.of("home", "chain", "agent", "user", "export").flatMap(view -> Stream.of(
                Arguments.of(view, 1366, 768), Arguments.of(view, 1920, 1080)));
    }

    @ParameterizedTest(name = "{0} at {1}x{2}")
    @MethodSource("viewsAtBothSizes")
    void viewWhenOpenedAtThisSizeThenNoSidewaysScrollControlsVisibleAndReachableByTab(String name, int width,
                                                                                     int height) {
        View view = VIEWS.get(name);
        chromium.viewport(width, height);
        chromium.open(view.path());
        chromium.waitFor(view.drawn());

        assertThat(chromium.number("return window.innerWidth")).as("viewport width").isEqualTo(width);
        long scrollWidth = chromium.number("return document.scrollingElement.scrollWidth");
        assertThat(scrollWidth).as("%s at %dx%d: the page's width (%s, widest element: %s)", name, width, height,
                scrollWidth, widestElement()).isLessThanOrEqualTo(width);
        for (String id : view.controls()) {
            WebElement control = chromium.driver().findElement(By.id(id));
            assertThat(control.isDisplayed()).as("#%s displayed in %s at %d", id, name, width).isTrue();
            long left = chromium.number("return arguments[0].getBoundingClientRect().left", control);
            long right = chromium.number("return Math.ceil(arguments[0].getBoundingClientRect().right)", control);
            assertThat(left).as("#%s's left edge in %s at %d", id, name, width).isGreaterThanOrEqualTo(0);
            assertThat(right).as("#%s's right edge in %s at %d", id, name, width).isLessThanOrEqualTo(width);
        }
        // Before tabbing: Tab scrolls the page (and tables) to the focused element.
        if (width == 1366) {
            chromium.screenshotIfUpdating("laptop-" + name);
        }
        List<String> focused = chromium.tabThrough(60);
        assertThat(focused).as("what Tab reached in %s at %d", name, width).containsAll(view.tabReaches());
    }

    /** For a failure message: the element reaching furthest right, so a fix knows where to look. */
    private String widestElement() {
        return String.valueOf(chromium.script("""
                var widest = null, right = 0;
                document.querySelectorAll('body *').forEach(function (e) {
                  var r = e.getBoundingClientRect().right;
                  if (r > right) { right = r; widest = e; }
                });
                return widest ? widest.tagName + '#' + widest.id + '.' + widest.className + ' right=' + right : 'none';"""));
    }
}
