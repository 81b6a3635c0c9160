package io.mandate.messages.grant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A set of OAuth scope tokens (RFC 6749 §3.3), kept sorted so that events and tokens render
 * the same set the same way. Scopes may only shrink along a delegation chain; {@link #isWithin}
 * is the one place that rule is computed.
 */
public record Scopes(SortedSet<String> values) {

    public Scopes {
        if (values == null) {
            throw new IllegalArgumentException("scopes must not be null");
        }
        TreeSet<String> copy = new TreeSet<>();
        for (String scope : values) {
            copy.add(requireScopeToken(scope));
        }
        values = Collections.unmodifiableSortedSet(copy);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Scopes of(Collection<String> scopes) {
        return new Scopes(new TreeSet<>(scopes));
    }

    public static Scopes of(String... scopes) {
        return of(Arrays.asList(scopes));
    }

    /** Parses the space-delimited form used on the wire (RFC 6749 §3.3). */
    public static Scopes parse(String spaceDelimited) {
        if (spaceDelimited == null || spaceDelimited.isBlank()) {
            return of();
        }
        return of(Arrays.asList(spaceDelimited.trim().split(" +")));
    }

    public boolean isWithin(Scopes ceiling) {
        return ceiling.values.containsAll(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @JsonValue
    public java.util.List<String> asList() {
        return java.util.List.copyOf(values);
    }

    /** The space-delimited form used in the `scope` claim and parameter. */
    @Override
    public String toString() {
        return String.join(" ", values);
    }

    private static String requireScopeToken(String scope) {
        if (scope == null || scope.isEmpty()) {
            throw new IllegalArgumentException("a scope must not be empty");
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            boolean allowed = c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
            if (!allowed) {
                throw new IllegalArgumentException("scope '" + scope + "' contains a character RFC 6749 §3.3 forbids");
            }
        }
        return scope;
    }
}
