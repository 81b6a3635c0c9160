package io.mandate.dashboard.queryapi;

import org.springframework.security.core.Authentication;

/**
 * Which of the dashboard's two service credentials a call to the query-service carries, chosen
 * from the signed-in person's role: a responder's pages call as the responder account, everyone
 * else's as the read-only account. So the query-service's own role check applies to every call a
 * person causes (an investigator's session cannot revoke even if the dashboard's check were skipped).
 */
public enum Caller {
    READER,
    RESPONDER;

    public static Caller of(Authentication person) {
        boolean responder = person != null && person.getAuthorities().stream()
                .anyMatch(authority -> "ROLE_RESPONDER".equals(authority.getAuthority()));
        return responder ? RESPONDER : READER;
    }
}
