package io.mandate.dashboard.chain;

import io.mandate.dashboard.queryapi.Api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A delegation chain as a graph of parties: the user, each client that held a token of the chain
 * (agent, MCP server, second agent) and each upstream audience no one exchanged further. The grant is
 * the edge from the user to its agent; every token is an edge from its holder to whoever received it
 * (the holder of a token exchanged from it, else its audience), labelled with its scopes and what
 * they lost against the parent (or the grant). Revoked parts are marked on nodes and edges.
 *
 * @param nodes parties, in order of first appearance (the user first)
 * @param edges the grant, then one per token of the chain
 */
public record ChainGraph(String jti, List<Node> nodes, List<Edge> edges, String rootNote) {

    /**
     * @param kind    USER, AGENT, MCP_SERVER, APPLICATION, RESOURCE_SERVER, or UPSTREAM when the audience is
     *                no registered client
     * @param href    the console view a click opens (null for an unknown upstream)
     * @param revoked the user's or client's watermark exists, or the client is suspended or deleted
     */
    public record Node(String id, String label, String kind, String href, boolean revoked, String note) {
    }

    /**
     * @param grant    true for the grant's edge (user → agent); false for a token
     * @param jti      the token's jti (null for the grant)
     * @param narrowed scopes the parent (or the grant) had and this hop does not carry
     * @param exceeding scopes outside the parent's: never expected, shown loudly when present
     * @param selected the token the chain was opened for
     */
    public record Edge(String id, String source, String target, boolean grant, String jti, List<String> scopes,
                       List<String> narrowed, List<String> exceeding, String status, boolean revoked,
                       boolean selected, String href) {
    }

    /** What the graph needs to know about a client: its kind and whether it is cut off. */
    public record Party(String kind, String name, boolean revoked, List<String> resourceUris) {
    }

    /**
     * @param clients the clients named in the chain (holders and the grant's agent), by id; a missing one is
     *                shown with kind "unknown"
     * @param upstream resolves an audience URI or id to a registered client id (resource servers, MCP servers)
     */
    public static ChainGraph of(Api.Chain chain, Map<String, Party> clients, Function<String, String> upstream) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        Api.Grant grant = chain.grant() == null ? null : chain.grant().grant();
        String userId = chain.user() != null ? chain.user().userId() : grant != null ? grant.userId() : null;
        if (userId != null) {
            boolean userRevoked = chain.user() != null && chain.user().revokedAt() != null;
            nodes.put(userKey(userId), new Node(userKey(userId), userId, "USER", "/users/" + userId, userRevoked,
                    userRevoked ? "user revoked" : null));
        }
        if (grant != null) {
            String agent = clientNode(nodes, clients, grant.agentId());
            Api.Standing standing = chain.grant().standing();
            edges.add(new Edge("grant:" + grant.grantId(), userKey(grant.userId()), agent, true, null, grant.scopes(),
                    List.of(), List.of(), standing == null ? grant.status() : standing.status(),
                    standing != null && standing.revoked(), false, "/users/" + grant.userId()));
        }
        Map<String, List<Api.Hop>> children = new LinkedHashMap<>();
        chain.hops().forEach(hop -> {
            if (hop.parentJti() != null) {
                children.computeIfAbsent(hop.parentJti(), parent -> new ArrayList<>()).add(hop);
            }
        });
        for (Api.Hop hop : chain.hops()) {
            String source = clientNode(nodes, clients, hop.holder());
            List<String> receivers = children.getOrDefault(hop.jti(), List.of()).stream().map(Api.Hop::holder)
                    .distinct().toList();
            if (receivers.isEmpty()) {
                receivers = List.of(audienceNode(nodes, clients, upstream, hop.audience()));
            } else {
                receivers = receivers.stream().map(holder -> clientNode(nodes, clients, holder)).toList();
            }
            boolean revoked = hop.standing() != null && hop.standing().revoked();
            for (String receiver : receivers) {
                edges.add(new Edge("token:" + hop.jti() + ">" + receiver, source, receiver, false, hop.jti(),
                        hop.scopes(), hop.narrowedScopes(), hop.exceedingScopes(),
                        hop.standing() == null ? null : hop.standing().status(), revoked,
                        "SELF".equals(hop.relation()), "/tokens/" + hop.jti()));
            }
        }
        String note = chain.missingAncestors().isEmpty() ? null
                : chain.missingAncestors().size() + " earlier token(s) of this chain are not indexed";
        return new ChainGraph(chain.jti(), List.copyOf(nodes.values()), List.copyOf(edges), note);
    }

    private static String userKey(String userId) {
        return "user:" + userId;
    }

    private static String clientNode(Map<String, Node> nodes, Map<String, Party> clients, String clientId) {
        String key = "client:" + clientId;
        nodes.computeIfAbsent(key, k -> {
            Party party = clients.get(clientId);
            if (party == null) {
                return new Node(key, clientId, "unknown", "/agents/" + clientId, false, "not registered on the query side");
            }
            return new Node(key, clientId, party.kind(), "/agents/" + clientId, party.revoked(),
                    party.revoked() ? "revoked or suspended" : null);
        });
        return key;
    }

    private static String audienceNode(Map<String, Node> nodes, Map<String, Party> clients,
                                       Function<String, String> upstream, String audience) {
        String clientId = upstream.apply(audience);
        if (clientId != null) {
            return clientNode(nodes, clients, clientId);
        }
        String key = "upstream:" + audience;
        nodes.computeIfAbsent(key, k -> new Node(key, audience, "UPSTREAM", null, false, "audience"));
        return key;
    }
}
