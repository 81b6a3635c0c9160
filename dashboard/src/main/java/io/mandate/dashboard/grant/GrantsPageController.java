package io.mandate.dashboard.grant;

import io.mandate.dashboard.queryapi.GrantPage;
import io.mandate.dashboard.queryapi.QueryServiceClient;
import io.mandate.dashboard.queryapi.QueryServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: the newest grants, or a plain sentence saying there are none yet or why they
 * cannot be shown. A failing query-service never turns into an error page.
 */
@Controller
class GrantsPageController {

    static final int PAGE_SIZE = 50;
    private static final Logger log = LoggerFactory.getLogger(GrantsPageController.class);

    private final QueryServiceClient queryService;

    GrantsPageController(QueryServiceClient queryService) {
        this.queryService = queryService;
    }

    @GetMapping("/")
    String grants(Model model) {
        try {
            GrantPage page = queryService.grants(0, PAGE_SIZE);
            model.addAttribute("grants", page.items().stream().map(GrantRow::of).toList());
            model.addAttribute("total", page.total());
        } catch (QueryServiceException e) {
            log.warn("Grant list unavailable: {}", e.getMessage());
            model.addAttribute("grants", java.util.List.of());
            model.addAttribute("error", explain(e.reason()));
        }
        return "grants";
    }

    private static String explain(QueryServiceException.Reason reason) {
        return switch (reason) {
            case UNREACHABLE -> "The grant list cannot be shown right now because the query service is not "
                    + "answering. Check that it is running, then reload this page.";
            case CREDENTIALS_REFUSED -> "The grant list cannot be shown because the query service refused the "
                    + "dashboard's service account. An administrator needs to check the dashboard's "
                    + "query-service credentials.";
            case FAILED -> "The grant list cannot be shown right now because the query service reported a "
                    + "problem. Try again in a moment.";
        };
    }
}
