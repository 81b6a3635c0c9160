package io.mandate.dashboard.user;

import io.mandate.dashboard.queryapi.Api;
import io.mandate.dashboard.queryapi.Caller;
import io.mandate.dashboard.queryapi.QueryServiceClient;
import io.mandate.dashboard.web.Timelines;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The user view: the user's delegation ledger (who acts for them, with what, since when) and timeline. */
@Controller
class UserController {

    private final QueryServiceClient queryService;
    private final Timelines timelines;

    UserController(QueryServiceClient queryService, Timelines timelines) {
        this.queryService = queryService;
        this.timelines = timelines;
    }

    @GetMapping("/users/{userId}")
    String user(@PathVariable("userId") String userId, Authentication person, Model model) {
        Caller caller = Caller.of(person);
        Api.UserLedger ledger = queryService.get(caller, uri -> uri.path("/api/users/{id}/ledger").build(userId),
                Api.UserLedger.class);
        model.addAttribute("ledger", ledger);
        model.addAttribute("timeline", timelines.newest(caller, "user", userId));
        return "user";
    }
}
