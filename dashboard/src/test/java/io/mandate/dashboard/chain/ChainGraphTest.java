package io.mandate.dashboard.chain;

import io.mandate.dashboard.queryapi.Api;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain as parties and edges: what the graph draws, from hand-made query-service answers. */
class ChainGraphTest {

    private static final Api.Standing ACTIVE = new Api.Standing("ACTIVE", null, null);
    private static final Api.Standing REVOKED = new Api.Standing("REVOKED", "CLIENT", "client revoked");
    private static final Map<String, ChainGraph.Party> CLIENTS = Map.of(
            "trip-agent", new ChainGraph.Party("AGENT", "Trip", false, List.of()),
            "cal-mcp", new ChainGraph.Party("MCP_SERVER", "MCP", false, List.of("https://mcp.example")),
            "cal-api", new ChainGraph.Party("RESOURCE_SERVER", "API", false, List.of("https://cal.example/api")));
    private static final Map<String, String> AUDIENCES = Map.of("https://mcp.example", "cal-mcp",
            "https://cal.example/api", "cal-api");

    @Test
    void graphWhenAgentThenMcpThenApiThenFourPartiesAndTheGrantAndEachHopAsEdgesWithNarrowing() {
        Api.Chain chain = chain(ACTIVE, ACTIVE, null,
                hop("j1", "SELF", null, "trip-agent", "https://mcp.example", List.of("cal.read"), List.of("cal.write")),
                hop("j2", "DESCENDANT", "j1", "cal-mcp", "https://cal.example/api", List.of("cal.read"), List.of()));

        ChainGraph graph = ChainGraph.of(chain, CLIENTS, AUDIENCES::get);

        assertThat(graph.nodes()).extracting(ChainGraph.Node::id, ChainGraph.Node::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("user:alice", "USER"),
                org.assertj.core.groups.Tuple.tuple("client:trip-agent", "AGENT"),
                org.assertj.core.groups.Tuple.tuple("client:cal-mcp", "MCP_SERVER"),
                org.assertj.core.groups.Tuple.tuple("client:cal-api", "RESOURCE_SERVER"));
        assertThat(graph.edges()).extracting(ChainGraph.Edge::source, ChainGraph.Edge::target, ChainGraph.Edge::scopes,
                ChainGraph.Edge::narrowed, ChainGraph.Edge::grant).containsExactly(
                org.assertj.core.groups.Tuple.tuple("user:alice", "client:trip-agent", List.of("cal.read", "cal.write"), List.of(), true),
                org.assertj.core.groups.Tuple.tuple("client:trip-agent", "client:cal-mcp", List.of("cal.read"), List.of("cal.write"), false),
                org.assertj.core.groups.Tuple.tuple("client:cal-mcp", "client:cal-api", List.of("cal.read"), List.of(), false));
        assertThat(graph.edges().get(1).selected()).isTrue();
        assertThat(graph.edges()).noneMatch(ChainGraph.Edge::revoked);
        assertThat(graph.nodes().get(2).href()).isEqualTo("/agents/cal-mcp");
    }

    @Test
    void graphWhenTheAgentIsRevokedThenItsNodeTheGrantAndEveryTokenAreMarked() {
        Map<String, ChainGraph.Party> clients = new java.util.HashMap<>(CLIENTS);
        clients.put("trip-agent", new ChainGraph.Party("AGENT", "Trip", true, List.of()));
        Api.Chain chain = chain(REVOKED, REVOKED, null,
                hop("j1", "SELF", null, "trip-agent", "https://mcp.example", List.of("cal.read"), List.of("cal.write")));

        ChainGraph graph = ChainGraph.of(chain, clients, AUDIENCES::get);

        assertThat(graph.nodes()).filteredOn(ChainGraph.Node::revoked).extracting(ChainGraph.Node::id)
                .containsExactly("client:trip-agent");
        assertThat(graph.edges()).allMatch(ChainGraph.Edge::revoked);
    }

    @Test
    void graphWhenTheAudienceIsNoRegisteredClientThenAnUpstreamNodeWithoutLink() {
        Api.Chain chain = chain(ACTIVE, ACTIVE, Instant.parse("2026-11-28T10:00:00Z"),
                hop("j1", "SELF", null, "trip-agent", "https://elsewhere.example", List.of("cal.read"), List.of()));

        ChainGraph graph = ChainGraph.of(chain, CLIENTS, AUDIENCES::get);

        assertThat(graph.nodes()).last().satisfies(node -> {
            assertThat(node.kind()).isEqualTo("UPSTREAM");
            assertThat(node.href()).isNull();
            assertThat(node.label()).isEqualTo("https://elsewhere.example");
        });
        assertThat(graph.nodes().get(0).revoked()).as("the user's watermark marks the user").isTrue();
    }

    @Test
    void graphWhenATokenWasExchangedTwiceThenOneEdgePerReceiverAndNoDuplicateParties() {
        Api.Chain chain = chain(ACTIVE, ACTIVE, null,
                hop("j1", "SELF", null, "trip-agent", "https://mcp.example", List.of("cal.read"), List.of()),
                hop("j2", "DESCENDANT", "j1", "cal-mcp", "https://cal.example/api", List.of("cal.read"), List.of()),
                hop("j3", "DESCENDANT", "j1", "cal-mcp", "https://cal.example/api", List.of("cal.read"), List.of()));

        ChainGraph graph = ChainGraph.of(chain, CLIENTS, AUDIENCES::get);

        assertThat(graph.nodes()).hasSize(4);
        assertThat(graph.edges()).extracting(ChainGraph.Edge::jti).containsExactly(null, "j1", "j2", "j3");
    }

    private static Api.Chain chain(Api.Standing grantStanding, Api.Standing hopStanding, Instant userRevokedAt,
                                   Api.Hop... hops) {
        Api.Grant grant = new Api.Grant("grt_1", "alice", "trip-agent", "https://cal.example/api",
                List.of("cal.read", "cal.write"), null, null, Instant.parse("2026-11-28T09:00:00Z"),
                grantStanding.status(), null, null, null);
        List<Api.Hop> withStanding = java.util.Arrays.stream(hops).map(h -> new Api.Hop(h.jti(), h.relation(), h.kind(),
                h.parentJti(), h.depth(), h.holder(), h.actorChain(), h.audience(), h.scopes(), h.scopeWithinParent(),
                h.comparedWith(), h.narrowedScopes(), h.exceedingScopes(), h.issuedAt(), h.expiresAt(), hopStanding))
                .toList();
        return new Api.Chain(hops[0].jti(), new Api.GrantStanding(grant, grantStanding),
                new Api.ChainUser("alice", userRevokedAt), withStanding, List.of(), 0, true);
    }

    private static Api.Hop hop(String jti, String relation, String parent, String holder, String audience,
                               List<String> scopes, List<String> narrowed) {
        return new Api.Hop(jti, relation, "EXCHANGED", parent, parent == null ? 1 : 2, holder, List.of(holder), audience,
                scopes, true, parent == null ? "grant" : "parent", narrowed, List.of(), null, null, ACTIVE);
    }
}
