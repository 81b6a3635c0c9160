package io.mandate.issuer.authorize;

import java.util.Map;

/**
 * A scope in words for the consent page: {@code calendar.read} reads "See your calendar". Scopes
 * outside the {@code <thing>.<verb>} convention are shown as they are, quoted.
 */
final class ScopeWords {

    private static final Map<String, String> VERBS = Map.of(
            "read", "See your %s",
            "write", "Change your %s",
            "send", "Send %s as you",
            "delete", "Delete your %s",
            "admin", "Administer your %s");

    private ScopeWords() {
    }

    static String describe(String scope) {
        int dot = scope.lastIndexOf('.');
        if (dot > 0 && dot < scope.length() - 1) {
            String pattern = VERBS.get(scope.substring(dot + 1));
            if (pattern != null) {
                return String.format(pattern, scope.substring(0, dot).replace('.', ' ').replace('_', ' '));
            }
        }
        return "Use \u201c" + scope + "\u201d";
    }
}
