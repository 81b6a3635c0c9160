package io.mandate.issuer.hostile;

import io.mandate.issuer.exchange.TokenTypes;
import io.mandate.issuer.hostile.HostileWorld.Form;
import io.mandate.issuer.hostile.HostileWorld.Outcome;
import io.mandate.issuer.hostile.HostileWorld.Presented;
import io.mandate.issuer.hostile.RequestPieces.Caller;
import io.mandate.issuer.hostile.RequestPieces.Chaos;
import io.mandate.issuer.hostile.RequestPieces.Subject;
import io.mandate.issuer.hostile.RequestPieces.SubjectRecipe;
import io.mandate.issuer.hostile.RequestPieces.Targets;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of token requests mixing valid and hostile pieces against {@code POST /oauth2/token}.
 * For every one: (a) the answer is a token or an RFC 6749 error from the allowed set, never a 500
 * nor a stack trace; (b) a token never has more scope, another audience, another subject or a
 * longer chain than its subject token and the grant allow; (c) exactly one event is recorded,
 * the token's or the refusal's.
 *
 * <p>One fixture per property (building one costs about as much as 50 requests); every try mints
 * its own tokens and assertions, so no try depends on another. Each property checks that it
 * issued tokens often enough to mean something. Known bugs are kept out of the generators and
 * pinned by disabled tests instead: non-JSON {@code Accept} headers and illegal charsets in
 * {@code Content-Type} ({@link HostileTokenRequestsTest}), signature segments with characters
 * outside base64url ({@link HostileSubjectTokensTest}).
 */
class HostileExchangePropertiesTest {

    final HostileWorld hostile = new HostileWorld();
    final TokenInvariants invariants = new TokenInvariants(hostile);

    // --- properties -----------------------------------------------------------------------------

    @Property(tries = 2500, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void tokenWhenAnyMixOfValidAndHostilePiecesThenNeverMoreThanTheSubjectAndTheGrantAllow(
            @ForAll("chaos") Chaos request) throws Exception {
        Presented subject = hostile.present(request.subject());
        Form form = Form.tokenRequest(request.grantType(), subject.token(), request.subjectTokenType());
        request.scope().ifPresent(scope -> form.add("scope", scope));
        HostileWorld.addTargets(form, request.targets());
        hostile.authenticate(form, request.caller());
        request.extras().forEach(extra -> hostile.addExtra(form, extra, request));

        Outcome outcome = hostile.perform(form);

        String caller = request.caller().authenticatesAs;
        if (outcome.status() != 200) {
            invariants.assertRefusal(outcome);
        } else if (RealTokens.TOKEN_EXCHANGE.equals(request.grantType())) {
            assertThat(request.exchangeMayBeGranted()).as("a token for a hostile request: %s", request).isTrue();
            invariants.assertWithinBounds(invariants.issuedToken(outcome, TokenExchanged.class), subject, caller,
                    invariants.askedScopes(request.scope()), request.targets());
        } else {
            assertThat(request.grantType()).isEqualTo("client_credentials");
            assertThat(request.clientCredentialsMayBeGranted()).as("a token for a hostile request: %s", request)
                    .isTrue();
            invariants.assertClientTokenWithinBounds(invariants.issuedToken(outcome, ClientTokenIssued.class), caller,
                    invariants.askedScopes(request.scope()), request.targets());
        }
        Statistics.label("outcome").collect(outcome.label());
        Statistics.label("outcome").coverage(check -> check.check("200").percentage(share -> share > 2));
    }

    @Property(tries = 2400, generation = GenerationMode.RANDOMIZED)
    void exchangeWhenTheSubjectTokenIsAlteredAfterSigningThenInvalidRequestAndOnlyARefusal(
            @ForAll("alterableSubjects") SubjectRecipe recipe, @ForAll("alterations") Alteration alteration)
            throws Exception {
        Presented genuine = hostile.present(recipe);
        String altered = alteration.apply(genuine.token(), new Alteration.Tools(hostile.attacker,
                () -> hostile.present(recipe).token()));
        // Some edits rewrite a member with the value it had: the same bytes, so the genuine token.
        boolean untouched = altered.equals(genuine.token());
        Form form = Form.tokenRequest(RealTokens.TOKEN_EXCHANGE, altered, TokenTypes.ACCESS_TOKEN);
        hostile.authenticate(form, Caller.as(recipe.subject().rightfulCaller));

        Outcome outcome = hostile.perform(form);

        if (untouched) {
            // The control: the token as signed is granted, so every refusal below is the alteration's doing.
            assertThat(outcome.status()).as(outcome.text()).isEqualTo(200);
            invariants.issuedToken(outcome, TokenExchanged.class);
        } else {
            assertThat(outcome.status()).as("%s → %s", Alteration.describe(altered), outcome.text()).isEqualTo(400);
            TokenExchangeRefused refusal = invariants.assertRefusal(outcome);
            assertThat(refusal.error()).isEqualTo("invalid_request");
            assertThat(refusal.reason()).startsWith("subject_token_");
        }
        Statistics.label("alteration").collect(untouched ? "untouched" : alteration.getClass().getSimpleName());
        Statistics.label("alteration").coverage(check -> check.check("untouched").count(count -> count > 0));
    }

    @Property(tries = 2000, generation = GenerationMode.RANDOMIZED)
    void exchangeWhenTheRightfulClientAsksAnyScopeAndTargetThenExactlyWhatThePolicyAllows(
            @ForAll("rightfulSubjects") SubjectRecipe recipe, @ForAll("scopes") Optional<String> scope,
            @ForAll("targets") Targets targets) throws Exception {
        Presented subject = hostile.present(recipe);
        String caller = recipe.subject().rightfulCaller;
        Form form = Form.tokenRequest(RealTokens.TOKEN_EXCHANGE, subject.token(), TokenTypes.ACCESS_TOKEN);
        scope.ifPresent(value -> form.add("scope", value));
        HostileWorld.addTargets(form, targets);
        hostile.authenticate(form, Caller.as(caller));
        Expectation expected = expect(subject, caller, scope, targets);

        Outcome outcome = hostile.perform(form);

        if (expected.errors().isEmpty()) {
            assertThat(outcome.status()).as("expected a token, got %s", outcome.text()).isEqualTo(200);
            TokenView issued = invariants.issuedToken(outcome, TokenExchanged.class);
            invariants.assertWithinBounds(issued, subject, caller, invariants.askedScopes(scope), targets);
            assertThat(issued.scopes()).as("scope, never silently narrowed").isEqualTo(expected.scopes());
            assertThat(issued.audience()).containsExactly(expected.audience());
        } else {
            TokenExchangeRefused refusal = invariants.assertRefusal(outcome);
            assertThat(refusal.error()).as("%s (%s)", outcome.text(), refusal.reason()).isIn(expected.errors());
        }
        Statistics.label("outcome").collect(outcome.label());
        Statistics.label("outcome").coverage(check -> check.check("200").percentage(share -> share > 10));
    }

    // --- generators -----------------------------------------------------------------------------

    @Provide
    Arbitrary<Chaos> chaos() {
        return Combinators.combine(RequestPieces.subjects(RequestPieces.anySubject(), true),
                        RequestPieces.grantTypes(), RequestPieces.callerChoices(), RequestPieces.subjectTokenTypes(),
                        RequestPieces.optionalScopes(), RequestPieces.targets(), RequestPieces.extras())
                .as((subject, grantType, caller, type, scope, targets, extras) -> new Chaos(grantType, subject,
                        caller.orElse(Caller.as(subject.subject().rightfulCaller)), type, scope, targets, extras));
    }

    @Provide
    Arbitrary<SubjectRecipe> alterableSubjects() {
        return RequestPieces.subjects(Arbitraries.of(Subject.ALICE, Subject.BOB, Subject.ALICE_TO_MCP,
                Subject.RESEARCH_TO_MCP), false);
    }

    @Provide
    Arbitrary<Alteration> alterations() {
        return Alteration.any();
    }

    @Provide
    Arbitrary<SubjectRecipe> rightfulSubjects() {
        return RequestPieces.subjects(Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(Subject.ALICE, Subject.BOB, Subject.ALICE_TO_MCP, Subject.ALICE_TO_RESEARCH,
                        Subject.RESEARCH_TO_MCP)),
                Tuple.of(1, Arbitraries.of(Subject.ALICE_TO_API, Subject.BOB_TO_API))), false);
    }

    @Provide
    Arbitrary<Optional<String>> scopes() {
        return RequestPieces.optionalScopes();
    }

    @Provide
    Arbitrary<Targets> targets() {
        return RequestPieces.targets();
    }

    // --- the exact model for rightful requests --------------------------------------------------

    /** Either a token ({@code errors} empty) with this scope and audience, or one of these errors. */
    record Expectation(Set<String> errors, Set<String> scopes, String audience) {
    }

    /**
     * What the policy answers a rightful caller with a genuine subject token, from the model alone.
     * When several pieces are wrong, any of their errors is right: the order of checks is not a rule.
     */
    private Expectation expect(Presented subject, String caller, Optional<String> scope, Targets targets) {
        Set<String> errors = new HashSet<>();
        WorldModel.Client client = WorldModel.CLIENTS.get(caller);
        WorldModel.Grant grant;
        List<String> chain = new ArrayList<>(List.of(caller));
        Set<String> ceiling;
        if (subject.parent() == null) {
            grant = hostile.model.grant(subject.user(), caller).orElseThrow();
            ceiling = WorldModel.intersection(grant.scopes(), client.allowedScopes());
        } else {
            grant = hostile.model.grantById(subject.parent().grantId()).orElseThrow();
            if (!caller.equals(subject.parent().mayAct())) {
                errors.add("invalid_grant");  // a token for the resource itself is passed on to no one
            }
            chain.addAll(subject.parent().actorChain());
            ceiling = WorldModel.intersection(subject.parent().scopes(), client.allowedScopes());
        }
        Set<String> scopes = ceiling;
        if (scope.isPresent() && scope.get().isBlank()) {
            errors.addAll(Set.of("invalid_request", "invalid_scope"));
        } else if (scope.isPresent() && !WorldModel.wellFormedScope(scope.get())) {
            errors.add("invalid_scope");
        } else if (scope.isPresent()) {
            scopes = WorldModel.scopeTokens(scope.get());
        }
        if (!ceiling.containsAll(scopes) || scopes.isEmpty()) {
            errors.add("invalid_scope");
        }
        String audience = grant.audience();
        if (targets.count() > 0) {
            Optional<WorldModel.Client> target = targets.resolved();
            boolean allowed = target.isPresent() && (target.get().audience().equals(grant.audience())
                    || (grant.nextKinds().contains(target.get().kind()) && chain.size() < grant.maxDepth()
                    && !chain.contains(target.get().id())));
            if (allowed) {
                audience = target.get().audience();
            } else {
                errors.add("invalid_target");
            }
        }
        return new Expectation(errors, scopes, audience);
    }
}
