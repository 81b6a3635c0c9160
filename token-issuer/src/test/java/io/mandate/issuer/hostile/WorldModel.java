package io.mandate.issuer.hostile;

import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.messages.grant.ClientKind;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static io.mandate.issuer.exchange.ExchangeFixture.CALENDAR_API;
import static io.mandate.issuer.exchange.ExchangeFixture.CALENDAR_MCP;

/**
 * The {@link ExchangeFixture} world written down as plain facts, from its Javadoc and the RFCs,
 * not from the code under test: which clients exist, what each grant allows, which values name a
 * target, and what a well-formed scope is. The properties judge every issued token against it.
 */
final class WorldModel {

    static final String RESEARCH_A2A = "https://research.example/a2a";

    /** RFC 6749 §3.3: {@code scope-token *( SP scope-token )}, scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final String SCOPE_TOKEN = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+";
    private static final Pattern SCOPE = Pattern.compile(SCOPE_TOKEN + "( " + SCOPE_TOKEN + ")*");

    /** A registered client and the {@code aud} its tokens carry (its first resource URI, else its id). */
    record Client(String id, ClientKind kind, Set<String> allowedScopes, String audience) {
    }

    /** A grant: who gave which agent what, and who may act after it. */
    record Grant(String grantId, String user, String agent, String audience, Set<String> scopes,
                 Set<ClientKind> nextKinds, int maxDepth) {
    }

    static final Map<String, Client> CLIENTS = clients(
            new Client("calendar-api", ClientKind.RESOURCE_SERVER, Set.of("calendar.read", "calendar.write"),
                    CALENDAR_API),
            new Client("travel-agent", ClientKind.AGENT, Set.of("calendar.read", "calendar.write", "mail.read"),
                    "travel-agent"),
            new Client("research-agent", ClientKind.AGENT, Set.of("calendar.read", "docs.read"), RESEARCH_A2A),
            new Client("calendar-mcp", ClientKind.MCP_SERVER, Set.of("calendar.read", "calendar.write"),
                    CALENDAR_MCP));

    final List<Grant> grants;

    WorldModel(ExchangeFixture world) {
        grants = List.of(
                new Grant(world.aliceTravelGrant.value(), "alice", "travel-agent", CALENDAR_API,
                        Set.of("calendar.read", "calendar.write"), Set.of(ClientKind.MCP_SERVER, ClientKind.AGENT), 3),
                new Grant(world.bobResearchGrant.value(), "bob", "research-agent", CALENDAR_API,
                        Set.of("calendar.read"), Set.of(), 1));
    }

    Optional<Grant> grant(String user, String agent) {
        return grants.stream().filter(grant -> grant.user().equals(user) && grant.agent().equals(agent)).findFirst();
    }

    Optional<Grant> grantById(String grantId) {
        return grants.stream().filter(grant -> grant.grantId().equals(grantId)).findFirst();
    }

    /** The client a token's {@code aud} belongs to. */
    static Optional<Client> clientWithAudience(String audience) {
        return CLIENTS.values().stream().filter(client -> client.audience().equals(audience)).findFirst();
    }

    /** RFC 8693 {@code audience}: a client id or a resource URI, exactly as registered. */
    static Optional<Client> resolveAudience(String value) {
        return Optional.ofNullable(CLIENTS.get(value)).or(() -> clientWithAudience(value));
    }

    /** RFC 8707 {@code resource}: an absolute URI without fragment, exactly as registered. */
    static Optional<Client> resolveResource(String value) {
        return isAbsoluteUriWithoutFragment(value) ? clientWithAudience(value) : Optional.empty();
    }

    static boolean wellFormedScope(String value) {
        return SCOPE.matcher(value).matches();
    }

    static Set<String> scopeTokens(String wellFormed) {
        return new TreeSet<>(List.of(wellFormed.split(" ")));
    }

    static Set<String> intersection(Set<String> a, Set<String> b) {
        TreeSet<String> common = new TreeSet<>(a);
        common.retainAll(b);
        return common;
    }

    private static boolean isAbsoluteUriWithoutFragment(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Map<String, Client> clients(Client... clients) {
        Map<String, Client> byId = new LinkedHashMap<>();
        for (Client client : clients) {
            byId.put(client.id(), client);
        }
        return Map.copyOf(byId);
    }
}
