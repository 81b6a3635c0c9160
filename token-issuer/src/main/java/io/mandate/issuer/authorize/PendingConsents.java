package io.mandate.issuer.authorize;

import io.mandate.issuer.ids.RandomIds;
import jakarta.servlet.http.HttpSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Authorization requests shown to the signed-in user and not yet decided, in the user's HTTP
 * session under a random id (the consent form carries the id, never the request itself, so the
 * user's browser cannot alter what was validated). At most {@link #MAX} per session; the oldest
 * goes first.
 */
final class PendingConsents {

    static final int MAX = 10;
    private static final String ATTRIBUTE = PendingConsents.class.getName();

    private PendingConsents() {
    }

    static String add(HttpSession session, AuthorizationRequest request) {
        synchronized (session.getId().intern()) {
            Map<String, AuthorizationRequest> pending = pending(session);
            while (pending.size() >= MAX) {
                pending.remove(pending.keySet().iterator().next());
            }
            String id = RandomIds.uuid();
            pending.put(id, request);
            session.setAttribute(ATTRIBUTE, pending);
            return id;
        }
    }

    static Optional<AuthorizationRequest> find(HttpSession session, String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(pending(session).get(id));
    }

    /** Removes the request: each is decided once. Answers whether it was still pending. */
    static boolean remove(HttpSession session, String id) {
        synchronized (session.getId().intern()) {
            Map<String, AuthorizationRequest> pending = pending(session);
            boolean removed = pending.remove(id) != null;
            session.setAttribute(ATTRIBUTE, pending);
            return removed;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AuthorizationRequest> pending(HttpSession session) {
        Object value = session.getAttribute(ATTRIBUTE);
        return value instanceof Map<?, ?> map ? (Map<String, AuthorizationRequest>) map : new LinkedHashMap<>();
    }
}
