package io.mandate.dashboard.home;

import io.mandate.dashboard.queryapi.Api;
import io.mandate.dashboard.queryapi.Caller;
import io.mandate.dashboard.queryapi.QueryServiceClient;
import io.mandate.dashboard.queryapi.QueryServiceException;
import io.mandate.dashboard.web.QueryServiceErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;

/**
 * The home page: figures and a chart of the last day, the agents refused most, the live feed (filled
 * by {@code /feed}), and the newest grants. A failing query-service never turns into an error page:
 * each part that cannot be shown says so in a sentence.
 */
@Controller
class HomeController {

    static final int GRANTS = 50;
    private static final Logger log = LoggerFactory.getLogger(HomeController.class);

    private final QueryServiceClient queryService;
    private final HomeStats stats;

    HomeController(QueryServiceClient queryService, HomeStats stats) {
        this.queryService = queryService;
        this.stats = stats;
    }

    @GetMapping("/")
    String home(Authentication person, Model model) {
        Caller caller = Caller.of(person);
        try {
            Api.GrantList page = queryService.get(caller, uri -> uri.path("/api/grants").queryParam("page", 0)
                    .queryParam("size", GRANTS).build(), Api.GrantList.class);
            model.addAttribute("grants", page.items());
            model.addAttribute("total", page.total());
        } catch (QueryServiceException e) {
            log.warn("Grant list unavailable: {}", e.getMessage());
            model.addAttribute("grants", List.of());
            model.addAttribute("error", QueryServiceErrors.sentence(e));
            // Without grants nothing else will answer either: one sentence is enough.
            return "home";
        }
        try {
            model.addAttribute("figures", stats.figures());
        } catch (QueryServiceException e) {
            log.warn("Home figures unavailable: {}", e.getMessage());
            model.addAttribute("figuresError", QueryServiceErrors.sentence(e));
        }
        return "home";
    }
}
