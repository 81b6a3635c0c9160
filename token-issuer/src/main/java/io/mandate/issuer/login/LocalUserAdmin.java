package io.mandate.issuer.login;

import io.mandate.messages.id.UserId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/**
 * {@code PUT /internal/local-users/{userId}} (role ADMIN): creates a local user or sets its
 * password, for the demo seeding and small deployments. Answers the user without its password.
 */
@RestController
class LocalUserAdmin {

    private final LocalUsers users;
    private final LoginProperties login;

    LocalUserAdmin(LocalUsers users, LoginProperties login) {
        this.users = users;
        this.login = login;
    }

    /** The body: a display name (optional) and the password (8 to 256 characters). */
    record LocalUserRequest(String displayName, String password) {
        @Override
        public String toString() {
            return "LocalUserRequest[displayName=" + displayName + ", password hidden]";
        }
    }

    @PutMapping(path = "/internal/local-users/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> put(@PathVariable String userId, @RequestBody LocalUserRequest body) {
        UserId id;
        try {
            id = UserId.of(userId);
        } catch (IllegalArgumentException e) {
            return problem("userId", e.getMessage());
        }
        if (login.isProviderNamespace(id.value())) {
            // Such a local user would share its id (grants, tokens, sub) with that provider's user.
            return problem("userId", "is in an identity provider's namespace (its user-prefix)");
        }
        try {
            LocalUsers.LocalUser user = users.save(id, body.displayName(), body.password());
            return ResponseEntity.ok(Map.of("userId", user.userId().value(), "displayName", user.displayName()));
        } catch (IllegalArgumentException e) {
            return problem(e.getMessage().startsWith("displayName") ? "displayName" : "password", e.getMessage());
        }
    }

    private static ResponseEntity<ProblemDetail> problem(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
        problem.setType(URI.create("about:blank"));
        problem.setProperty("parameter", field);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
