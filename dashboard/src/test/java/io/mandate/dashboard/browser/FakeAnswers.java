package io.mandate.dashboard.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Query-service answers (docs/api.md shapes) for the browser tests: a chain tree of any size, a client, views. */
final class FakeAnswers {

    static final String UPSTREAM = "https://calendar.example.com/api";
    private static final String AT = "2026-11-28T10:15:30Z";
    private static final String UNTIL = "2026-11-28T10:20:30Z";

    private FakeAnswers() {
    }

    /**
     * A chain of {@code hops} tokens for user alice: the first held by {@code agent-0}, the granted agent;
     * token {@code i > 0} exchanged from token {@code (i - 1) / branching} by its own client
     * {@code <prefix>-i}; the leaves all aimed at one unregistered upstream API.
     */
    static String chain(String prefix, int hops, int branching) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < hops; i++) {
            String parent = i == 0 ? "null" : quote(jti(prefix, (i - 1) / branching));
            boolean leaf = (long) branching * i + 1 >= hops;
            items.add("""
                    {"jti":%s,"relation":"%s","kind":"EXCHANGED","parentJti":%s,"depth":%d,"holder":%s,
                     "actorChain":[%s],"audience":%s,"scopes":["calendar.read"],"scopeWithinParent":true,
                     "comparedWith":"%s","narrowedScopes":%s,"exceedingScopes":[],"issuedAt":"%s","expiresAt":"%s",
                     "standing":{"status":"ACTIVE"}}""".formatted(quote(jti(prefix, i)), i == 0 ? "SELF" : "DESCENDANT",
                    parent, depth(i, branching), quote(holder(prefix, i)), quote(holder(prefix, i)),
                    quote(leaf ? UPSTREAM : "https://" + holder(prefix, i) + ".example.com"), i == 0 ? "grant" : "parent",
                    i == 0 ? "[\"calendar.write\"]" : "[]", AT, UNTIL));
        }
        return """
                {"jti":%s,"grant":{"grant":%s,"standing":{"status":"ACTIVE"}},
                 "user":{"userId":"alice","revokedAt":null},"hops":[%s],"missingAncestors":[],
                 "descendantsTotal":%d,"descendantsComplete":true}""".formatted(quote(jti(prefix, 0)),
                grant(prefix), String.join(",", items), hops - 1);
    }

    /** How many parties the graph of {@link #chain} has: alice, every holder, the one upstream API. */
    static int parties(int hops) {
        return 1 + hops + 1;
    }

    /** How many edges: the grant, one per exchange from a parent to a child, one per leaf to the upstream API. */
    static int edges(int hops, int branching) {
        int leaves = 0;
        for (int i = 0; i < hops; i++) {
            if ((long) branching * i + 1 >= hops) {
                leaves++;
            }
        }
        return 1 + (hops - 1) + leaves;
    }

    static String jti(String prefix, int i) {
        return prefix + "-jti-" + i + "-7f3c9a2e-5b1d-4c8e-9a6f-0d2b4e6a8c1f";
    }

    static String holder(String prefix, int i) {
        return prefix + "-" + i;
    }

    static String client(String clientId, String kind) {
        return """
                {"clientId":%s,"kind":"%s","name":"Trip planning agent","owner":"platform-team",
                 "allowedScopes":["calendar.read","calendar.write","flights.read","flights.book"],
                 "resourceUris":[],"registeredAt":"%s","status":"ACTIVE"}""".formatted(quote(clientId), kind, AT);
    }

    static String grant(String prefix) {
        return """
                {"grantId":"grt_%s_01J9Z8X7W6V5T4S3R2Q1","userId":"alice","agentId":%s,"audience":"%s",
                 "scopes":["calendar.read","calendar.write"],"policy":{"maxDepth":4},"createdAt":"%s",
                 "status":"ACTIVE"}""".formatted(prefix, quote(holder(prefix, 0)), UPSTREAM, AT);
    }

    static String grantList(String prefix) {
        return "{\"items\":[" + grant(prefix) + "],\"total\":1}";
    }

    static String agentView(String prefix) {
        String token = """
                {"token":{"jti":%s,"kind":"EXCHANGED","depth":1,"grantId":"grt_%s_01J9Z8X7W6V5T4S3R2Q1","userId":"alice",
                  "holder":%s,"actorChain":[%s],"audience":"%s","scopes":["calendar.read"],"issuedAt":"%s",
                  "expiresAt":"%s"},"standing":{"status":"ACTIVE"}}""".formatted(quote(jti(prefix, 0)), prefix,
                quote(holder(prefix, 0)), quote(holder(prefix, 0)), UPSTREAM, AT, UNTIL);
        return """
                {"client":%s,"grants":{"items":[{"grant":%s,"standing":{"status":"ACTIVE"}}],"total":1},
                 "tokens":{"items":[%s],"total":1},"actsFor":[{"userId":"alice","tokens":1,"grants":1}],
                 "timeline":{"total":2,"countsByType":{"GrantCreated":1,"TokenExchanged":1}}}"""
                .formatted(client(holder(prefix, 0), "AGENT"), grant(prefix), token);
    }

    static String userLedger(String prefix) {
        return """
                {"userId":"alice","revokedAt":null,
                 "grants":{"items":[{"grant":%s,"standing":{"status":"ACTIVE"}}],"total":1},
                 "delegates":[{"clientId":%s,"kind":"AGENT","name":"Trip planning agent",
                   "grantIds":["grt_%s_01J9Z8X7W6V5T4S3R2Q1"],"grantedScopes":["calendar.read","calendar.write"],
                   "since":"%s","tokens":1,"tokenScopes":["calendar.read"],"chains":[%s],"lastIssuedAt":"%s",
                   "lastExpiresAt":"%s"}]}""".formatted(grant(prefix), quote(holder(prefix, 0)), prefix, AT,
                quote(jti(prefix, 0)), AT, UNTIL);
    }

    static String events(String prefix) {
        return """
                {"items":[{"eventId":"evt-%s-1","type":"TokenExchanged","aggregateId":"issued:%s","occurredAt":"%s",
                  "clientId":%s,"userId":"alice","jti":%s,"scopes":["calendar.read"],"outcome":"issued"}],
                 "total":1,"next":null}""".formatted(prefix, jti(prefix, 0), java.time.Instant.now(),
                quote(holder(prefix, 0)), quote(jti(prefix, 0)));
    }

    private static int depth(int i, int branching) {
        int depth = 1;
        while (i > 0) {
            i = (i - 1) / branching;
            depth++;
        }
        return depth;
    }

    private static String quote(String text) {
        return "\"" + text.chars().mapToObj(c -> c == '"' || c == '\\' ? "\\" + (char) c : String.valueOf((char) c))
                .collect(Collectors.joining()) + "\"";
    }
}
