package io.mandate.issuer.hostile;

import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.issuer.exchange.TokenTypes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import java.util.List;
import java.util.Optional;

import static io.mandate.issuer.exchange.ExchangeFixture.CALENDAR_API;
import static io.mandate.issuer.exchange.ExchangeFixture.CALENDAR_MCP;

/**
 * The vocabulary of the hostile-request properties: what a token request is made of, valid and
 * hostile pieces alike, and jqwik generators for each. A piece is a recipe: the try turns it into
 * a real token or header against its fixture, so every try mints its own tokens (unique jtis).
 */
final class RequestPieces {

    private RequestPieces() {
    }

    /** A subject token to present, and the client that may rightfully present it. */
    enum Subject {
        ALICE(Kind.USER, "travel-agent"),
        BOB(Kind.USER, "research-agent"),
        MALLORY(Kind.USER, "travel-agent"),
        ALICE_TO_MCP(Kind.DELEGATED, "calendar-mcp"),
        ALICE_TO_API(Kind.DELEGATED, "calendar-api"),
        ALICE_TO_RESEARCH(Kind.DELEGATED, "research-agent"),
        RESEARCH_TO_MCP(Kind.DELEGATED, "calendar-mcp"),
        BOB_TO_API(Kind.DELEGATED, "calendar-api"),
        TRAVEL_OWN(Kind.CLIENT, "travel-agent"),
        MCP_OWN(Kind.CLIENT, "calendar-mcp"),
        GARBAGE(Kind.GARBAGE, "travel-agent");

        enum Kind { USER, DELEGATED, CLIENT, GARBAGE }

        final Kind kind;
        final String rightfulCaller;

        Subject(Kind kind, String rightfulCaller) {
            this.kind = kind;
            this.rightfulCaller = rightfulCaller;
        }
    }

    /** What is done to a genuine subject token before it is presented. */
    enum Spoil {
        NONE, CLAIM_EDITED, SIGNATURE_BIT_FLIPPED, SIGNATURE_DROPPED, ALG_NONE, HMAC_WITH_PUBLIC_KEY, FOREIGN_KEY,
        TYP_JWT, EXPIRED, REVOKED, OVERSIZED;

        static List<Spoil> applicableTo(Subject subject) {
            return switch (subject.kind) {
                case USER -> List.of(NONE, CLAIM_EDITED, SIGNATURE_BIT_FLIPPED, SIGNATURE_DROPPED, ALG_NONE,
                        HMAC_WITH_PUBLIC_KEY, FOREIGN_KEY, EXPIRED, OVERSIZED);
                case DELEGATED -> List.of(values());
                case CLIENT -> List.of(NONE, CLAIM_EDITED, SIGNATURE_BIT_FLIPPED, ALG_NONE, FOREIGN_KEY, TYP_JWT,
                        EXPIRED);
                case GARBAGE -> List.of(NONE);
            };
        }
    }

    /**
     * @param scope   the scope the genuine token was obtained with (delegated subjects)
     * @param garbage the token presented when the subject is {@link Subject#GARBAGE}
     * @param bit     which bit a {@link Spoil#SIGNATURE_BIT_FLIPPED} flips
     */
    record SubjectRecipe(Subject subject, String scope, Spoil spoil, String garbage, int bit) {

        boolean genuine() {
            return spoil == Spoil.NONE && (subject.kind == Subject.Kind.USER || subject.kind == Subject.Kind.DELEGATED);
        }
    }

    /** How the client authenticates; {@code authenticatesAs} is the client it proves to be, or null. */
    enum Caller {
        TRAVEL_AGENT("travel-agent"), CALENDAR_MCP("calendar-mcp"), CALENDAR_API("calendar-api"),
        RESEARCH_AGENT("research-agent"),
        WRONG_SECRET(null), UNKNOWN_CLIENT(null), RESEARCH_WITH_A_SECRET(null), REPLAYED_ASSERTION(null),
        EXPIRED_ASSERTION(null), FORGED_ASSERTION(null), BEARER_HEADER(null), NO_CREDENTIALS(null),
        SECRET_IN_FORM(null);

        final String authenticatesAs;

        Caller(String authenticatesAs) {
            this.authenticatesAs = authenticatesAs;
        }

        static Caller as(String clientId) {
            for (Caller caller : values()) {
                if (clientId.equals(caller.authenticatesAs)) {
                    return caller;
                }
            }
            throw new IllegalArgumentException(clientId);
        }
    }

    /** Extra or repeated parameters; which ones any grant type, or token exchange, must refuse. */
    enum Extra {
        UNKNOWN_PARAMETER(false, false), REQUESTED_TYPE_JWT(false, false), CLIENT_ID_OF_THE_CALLER(false, false),
        REPEATED_SUBJECT_TOKEN(false, true), REPEATED_SUBJECT_TOKEN_TYPE(false, true),
        ACTOR_TOKEN_GARBAGE(false, true), ACTOR_TOKEN_WITHOUT_TYPE(false, true), REQUESTED_TYPE_REFRESH(false, true),
        REPEATED_GRANT_TYPE(true, true), REPEATED_SCOPE(true, true), CLIENT_ID_OF_ANOTHER(true, true),
        CLIENT_SECRET_PARAMETER(true, true), QUERY_STRING(true, true), JSON_CONTENT_TYPE(true, true),
        NO_CONTENT_TYPE(true, true);

        final boolean refusedByAnyGrant;
        final boolean refusedByExchange;

        Extra(boolean refusedByAnyGrant, boolean refusedByExchange) {
            this.refusedByAnyGrant = refusedByAnyGrant;
            this.refusedByExchange = refusedByExchange;
        }
    }

    /** The {@code audience} (RFC 8693) and {@code resource} (RFC 8707) values sent, in order. */
    record Targets(List<String> audiences, List<String> resources) {

        int count() {
            return audiences.size() + resources.size();
        }

        /** The registered client the one target names, by the model; empty when absent, several or unknown. */
        Optional<WorldModel.Client> resolved() {
            if (count() != 1) {
                return Optional.empty();
            }
            return audiences.isEmpty() ? WorldModel.resolveResource(resources.get(0))
                    : WorldModel.resolveAudience(audiences.get(0));
        }
    }

    /** One hostile request: every piece may be valid or not. */
    record Chaos(String grantType, SubjectRecipe subject, Caller caller, String subjectTokenType,
                 Optional<String> scope, Targets targets, List<Extra> extras) {

        /**
         * Whether a token exchange may succeed at all: an authenticated caller, a genuine subject
         * token of a type that fits it, no extra parameter an exchange must refuse. (Whether the
         * rules then grant it is for the invariants to judge.)
         */
        boolean exchangeMayBeGranted() {
            boolean typeFits = subjectTokenType.equals(TokenTypes.ACCESS_TOKEN)
                    || subjectTokenType.equals(TokenTypes.JWT)
                    || (subjectTokenType.equals(TokenTypes.ID_TOKEN) && subject.subject().kind == Subject.Kind.USER);
            return caller.authenticatesAs != null && subject.genuine() && typeFits
                    && extras.stream().noneMatch(extra -> extra.refusedByExchange);
        }

        /** Whether client credentials may succeed at all: an authenticated caller, no extra it must refuse. */
        boolean clientCredentialsMayBeGranted() {
            return caller.authenticatesAs != null && extras.stream().noneMatch(extra -> extra.refusedByAnyGrant);
        }
    }

    // --- generators -----------------------------------------------------------------------------

    static final List<String> SCOPES = List.of("calendar.read", "calendar.write", "mail.read", "docs.read");

    /** Subjects a rightful caller can exchange come three times as often as those nobody can. */
    static Arbitrary<Subject> anySubject() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(Subject.ALICE, Subject.BOB, Subject.ALICE_TO_MCP, Subject.ALICE_TO_RESEARCH,
                        Subject.RESEARCH_TO_MCP)),
                Tuple.of(1, Arbitraries.of(Subject.MALLORY, Subject.ALICE_TO_API, Subject.BOB_TO_API,
                        Subject.TRAVEL_OWN, Subject.MCP_OWN, Subject.GARBAGE)));
    }

    /**
     * Recipes for the given subjects; when {@code spoiled}, half of them get one of the spoils that
     * apply to their kind. (Combined, not flat-mapped: jqwik builds the generators once, not per try.)
     */
    static Arbitrary<SubjectRecipe> subjects(Arbitrary<Subject> subjects, boolean spoiled) {
        return Combinators.combine(subjects,
                Arbitraries.of("calendar.read", "calendar.write", "calendar.read calendar.write"),
                Arbitraries.integers().between(0, 999).withDistribution(RandomDistribution.uniform()), GARBAGE_TOKENS,
                Arbitraries.integers().between(0, 511).withDistribution(RandomDistribution.uniform()))
                .as((subject, scope, dice, garbage, bit) -> {
                    List<Spoil> applicable = Spoil.applicableTo(subject);
                    Spoil spoil = spoiled && dice >= 500 ? applicable.get(dice % applicable.size()) : Spoil.NONE;
                    return new SubjectRecipe(subject, scope, spoil, garbage, bit);
                });
    }

    /** Strings that are not Mandate or user tokens: random text, JWT-shaped junk, huge, empty. */
    private static final Arbitrary<String> GARBAGE_TOKENS = garbageTokens();

    private static Arbitrary<String> garbageTokens() {
        Arbitrary<String> base64 = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                .ofMinLength(0).ofMaxLength(40);
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(60),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20),
                base64.list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join(".", parts)),
                Arbitraries.of("", "eyJhbGciOiJub25lIn0.e30.", "eyJhbGciOiJFUzI1NiJ9.bnVsbA.AAAA", "a".repeat(9000)));
    }

    /** Empty for the subject token's rightful caller (seven times in ten), else any way of authenticating. */
    static Arbitrary<Optional<Caller>> callerChoices() {
        return Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just(Optional.empty())),
                Tuple.of(3, Arbitraries.of(Caller.class).map(Optional::of)));
    }

    /** Scope strings: mostly registered scope tokens joined by single spaces, with junk tokens and odd separators. */
    static Arbitrary<String> scopeStrings() {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.frequency(Tuple.of(4, "calendar.read"), Tuple.of(3, "calendar.write"),
                        Tuple.of(1, "mail.read"), Tuple.of(1, "docs.read"))),
                Tuple.of(2, Arbitraries.of("Calendar.Read", "CALENDAR.WRITE", "calendar.*", "admin", "openid",
                        "calendar.read,calendar.write", "calendar.réad", "ｃalendar.read", "calendar.read\"",
                        "calendar.read\\", "")),
                Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12)),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(4)));
        Arbitrary<String> separator = Arbitraries.frequency(Tuple.of(24, " "), Tuple.of(1, "  "), Tuple.of(1, "\t"),
                Tuple.of(1, ","), Tuple.of(1, "\u00a0"), Tuple.of(1, "\n"), Tuple.of(1, "+"), Tuple.of(1, ""));
        Arbitrary<String> edge = Arbitraries.frequency(Tuple.of(20, ""), Tuple.of(1, " "), Tuple.of(1, "\t"));
        return Combinators.combine(token.list().ofMinSize(1).ofMaxSize(3), separator.list().ofSize(2), edge, edge)
                .as((tokens, separators, lead, trail) -> {
                    StringBuilder scope = new StringBuilder(lead).append(tokens.get(0));
                    for (int i = 1; i < tokens.size(); i++) {
                        scope.append(separators.get(i - 1)).append(tokens.get(i));
                    }
                    return scope.append(trail).toString();
                });
    }

    static Arbitrary<Optional<String>> optionalScopes() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Optional.empty())),
                Tuple.of(5, scopeStrings().map(Optional::of)));
    }

    /** Target values: every registered way to name a client, near misses, unregistered and junk. */
    static Arbitrary<String> targetValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("calendar-api", CALENDAR_API, "calendar-mcp", CALENDAR_MCP,
                        "research-agent", WorldModel.RESEARCH_A2A, "travel-agent")),
                Tuple.of(3, Arbitraries.of("https://evil.example/api", CALENDAR_API + "/", CALENDAR_API + "#top",
                        "calendar.example/api", "CALENDAR-API", "nobody", "", " ", CALENDAR_MCP + "?x=1",
                        ExchangeFixture.ISSUER, "HTTPS://calendar.example/api", "urn:calendar-api")),
                Tuple.of(1, Arbitraries.strings().ascii().ofMaxLength(30)));
    }

    static Arbitrary<Targets> targets() {
        Arbitrary<List<String>> one = targetValues().list().ofSize(1);
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(new Targets(List.of(), List.of()))),
                Tuple.of(3, one.map(values -> new Targets(values, List.of()))),
                Tuple.of(3, one.map(values -> new Targets(List.of(), values))),
                Tuple.of(1, Combinators.combine(targetValues(), targetValues(), Arbitraries.integers().between(0, 2))
                        .as((first, second, shape) -> switch (shape) {
                            case 0 -> new Targets(List.of(first, second), List.of());
                            case 1 -> new Targets(List.of(), List.of(first, second));
                            default -> new Targets(List.of(first), List.of(second));
                        })));
    }

    static Arbitrary<String> grantTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(85, Arbitraries.just(RealTokens.TOKEN_EXCHANGE)),
                Tuple.of(8, Arbitraries.just("client_credentials")),
                Tuple.of(7, Arbitraries.of("password", "refresh_token", "", "CLIENT_CREDENTIALS",
                        RealTokens.TOKEN_EXCHANGE + " ", "urn:ietf:params:oauth:grant-type:jwt-bearer")));
    }

    static Arbitrary<String> subjectTokenTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(85, Arbitraries.just(TokenTypes.ACCESS_TOKEN)),
                Tuple.of(5, Arbitraries.just(TokenTypes.JWT)),
                Tuple.of(4, Arbitraries.just(TokenTypes.ID_TOKEN)),
                Tuple.of(6, Arbitraries.of("urn:ietf:params:oauth:token-type:refresh_token", "", "access_token")));
    }

    static Arbitrary<List<Extra>> extras() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(List.<Extra>of())),
                Tuple.of(2, Arbitraries.of(Extra.class).list().ofMinSize(1).ofMaxSize(2)));
    }
}
