package io.mandate.command.client;

import io.mandate.command.registry.ClientRegistration;
import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.client.RegistrationPath;
import org.springframework.security.core.Authentication;

import java.util.Arrays;
import java.util.Set;

/**
 * Least privilege for the token-issuer's service principal (role REGISTRAR): it registers clients only
 * through the two self-service paths, and updates or deletes only clients registered that way, never
 * one an administrator registered. Administrators register through the ADMIN path only, so the path an
 * event records is always the one that was used.
 */
final class CallerAccess {

    static final String REGISTRAR_AUTHORITY = "ROLE_REGISTRAR";
    private static final String ADMIN_AUTHORITY = "ROLE_ADMIN";
    private static final Set<RegistrationPath> SELF_SERVICE =
            Set.of(RegistrationPath.DYNAMIC_REGISTRATION, RegistrationPath.METADATA_DOCUMENT);

    private CallerAccess() {
    }

    /** The path this caller registers through; a path it may not use is a 400 naming {@code registrationPath}. */
    static RegistrationPath registrationPath(Authentication caller, String requested) {
        if (isAdmin(caller)) {
            if (requested != null && !RegistrationPath.ADMIN.name().equals(requested)) {
                throw new InvalidFieldException("registrationPath", "an administrator registers through ADMIN only");
            }
            return RegistrationPath.ADMIN;
        }
        RegistrationPath path = parse(requested);
        if (!SELF_SERVICE.contains(path)) {
            throw new InvalidFieldException("registrationPath", "must be one of " + SELF_SERVICE);
        }
        return path;
    }

    /** A registrar may touch a client only if it joined through a self-service path: otherwise 403. */
    static void requireMayManage(Authentication caller, ClientRegistration client) {
        if (!isAdmin(caller) && !SELF_SERVICE.contains(client.registrationPath())) {
            throw new ClientAccessDeniedException(client.clientId());
        }
    }

    private static boolean isAdmin(Authentication caller) {
        return caller.getAuthorities().stream().anyMatch(a -> ADMIN_AUTHORITY.equals(a.getAuthority()));
    }

    private static RegistrationPath parse(String requested) {
        if (requested == null) {
            throw new InvalidFieldException("registrationPath", "is required for the registrar");
        }
        return Arrays.stream(RegistrationPath.values()).filter(p -> p.name().equals(requested)).findFirst()
                .orElseThrow(() -> new InvalidFieldException("registrationPath",
                        "must be one of " + Arrays.toString(RegistrationPath.values())));
    }
}
