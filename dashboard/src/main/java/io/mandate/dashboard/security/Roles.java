package io.mandate.dashboard.security;

import org.springframework.security.core.Authentication;

/**
 * The console's roles. An investigator reads and exports; a responder also revokes; an
 * administrator reads (exports are the investigators', as at the query-service).
 */
public final class Roles {

    public static final String INVESTIGATOR = "INVESTIGATOR";
    public static final String RESPONDER = "RESPONDER";
    public static final String ADMIN = "ADMIN";
    static final String[] READERS = {INVESTIGATOR, RESPONDER, ADMIN};

    private Roles() {
    }

    public static boolean has(Authentication person, String role) {
        return person != null && person.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + role).equals(authority.getAuthority()));
    }
}
