package io.mandate.dashboard.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the sign-in form; Spring Security handles the POST to the same path. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
