package io.mandate.dashboard.security;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

/**
 * Gives every page who is signed in and what they may do, so a page shows only the buttons the
 * person may use (the server refuses the rest anyway).
 */
@ControllerAdvice
class CurrentUserAdvice {

    @ModelAttribute
    void currentUser(Authentication person, Model model) {
        boolean signedIn = person != null && person.isAuthenticated();
        model.addAttribute("currentUser", signedIn ? person.getName() : null);
        model.addAttribute("canRevoke", signedIn && Roles.has(person, Roles.RESPONDER));
        model.addAttribute("canExport", signedIn && Roles.has(person, Roles.INVESTIGATOR));
        model.addAttribute("currentRole", !signedIn ? null
                : Roles.has(person, Roles.RESPONDER) ? "responder"
                : Roles.has(person, Roles.INVESTIGATOR) ? "investigator" : "administrator (read only)");
    }
}
